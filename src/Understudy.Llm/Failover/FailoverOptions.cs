using Understudy.Llm.Failover.CircuitBreaking;
using Understudy.Llm.Failover.Shadow;

namespace Understudy.Llm.Failover;

/// <summary>How <see cref="UnderstudyFailoverChatClient"/> decides to leave the primary and when it records shadow answers.</summary>
public sealed record FailoverOptions
{
    /// <summary>Names this failover pair in metrics and spans (<c>understudy.failover.name</c>).</summary>
    public string Name { get; init; } = "default";

    /// <summary>When the circuit opens, how long it stays open, how it probes.</summary>
    public CircuitBreakerOptions CircuitBreaker { get; init; } = new();

    /// <summary>
    /// Deadline of one primary request (for streaming: until its first update); a missed deadline cancels the
    /// primary request, counts as a failure and the fallback answers. Null = no deadline of our own.
    /// </summary>
    public TimeSpan? PrimaryTimeout { get; init; }

    /// <summary>
    /// A primary answer slower than this (for streaming: first update later than this) is still returned but counts
    /// as a failure, so a degraded service opens the circuit. Null = latency is not judged.
    /// </summary>
    public TimeSpan? LatencyBudget { get; init; }

    /// <summary>Share of requests answered by a healthy primary that are also sent to the fallback in the background, 0-1.</summary>
    public double ShadowSampleRate { get; init; }

    /// <summary>Where shadow answers go; required when <see cref="ShadowSampleRate"/> is above 0.</summary>
    public IShadowRecorder? ShadowRecorder { get; init; }

    /// <summary>Draws a number in [0, 1) for shadow sampling; null = <see cref="Random.Shared"/>.</summary>
    public Func<double>? ShadowSampler { get; init; }

    /// <summary>The clock of timeouts, latency and the breaker; null = the system clock.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Throws naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name, nameof(Name));
        ArgumentNullException.ThrowIfNull(CircuitBreaker, nameof(CircuitBreaker));
        CircuitBreaker.Validate();
        if (PrimaryTimeout is { } timeout)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(PrimaryTimeout));
        }

        if (LatencyBudget is { } budget)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(budget, TimeSpan.Zero, nameof(LatencyBudget));
        }

        if (ShadowSampleRate is < 0 or > 1 || double.IsNaN(ShadowSampleRate))
        {
            throw new ArgumentOutOfRangeException(nameof(ShadowSampleRate), ShadowSampleRate, "Must be within [0, 1].");
        }

        if (ShadowSampleRate > 0 && ShadowRecorder is null)
        {
            throw new ArgumentException($"{nameof(ShadowSampleRate)} is {ShadowSampleRate} but no {nameof(ShadowRecorder)} is set: shadow answers would have nowhere to go.");
        }
    }
}
