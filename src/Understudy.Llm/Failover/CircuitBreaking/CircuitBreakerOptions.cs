namespace Understudy.Llm.Failover.CircuitBreaking;

/// <summary>When a <see cref="CircuitBreaker"/> opens, how long it stays open and how it probes.</summary>
public sealed record CircuitBreakerOptions
{
    /// <summary>Failures in a row that open the circuit; 0 = this rule is off.</summary>
    public int ConsecutiveFailureThreshold { get; init; } = 5;

    /// <summary>Share of failed requests (0-1] within <see cref="SamplingWindow"/> that opens the circuit; 0 = this rule is off.</summary>
    public double FailureRatioThreshold { get; init; } = 0.5;

    /// <summary>Requests that must have been seen within the window before the failure ratio counts.</summary>
    public int MinimumThroughput { get; init; } = 10;

    /// <summary>How far back the failure ratio looks.</summary>
    public TimeSpan SamplingWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the circuit stays open before probing the primary again.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Probe requests allowed in flight at once while half-open; the rest go to the fallback.</summary>
    public int HalfOpenMaxProbes { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ConsecutiveFailureThreshold, nameof(ConsecutiveFailureThreshold));
        if (FailureRatioThreshold is < 0 or > 1 || double.IsNaN(FailureRatioThreshold))
        {
            throw new ArgumentOutOfRangeException(nameof(FailureRatioThreshold), FailureRatioThreshold, "Must be within [0, 1].");
        }

        if (ConsecutiveFailureThreshold == 0 && FailureRatioThreshold == 0)
        {
            throw new ArgumentException("Both opening rules are off (consecutive_failures and failure_ratio are 0): the circuit could never open.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumThroughput, 1, nameof(MinimumThroughput));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SamplingWindow, TimeSpan.Zero, nameof(SamplingWindow));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(BreakDuration, TimeSpan.Zero, nameof(BreakDuration));
        ArgumentOutOfRangeException.ThrowIfLessThan(HalfOpenMaxProbes, 1, nameof(HalfOpenMaxProbes));
    }
}
