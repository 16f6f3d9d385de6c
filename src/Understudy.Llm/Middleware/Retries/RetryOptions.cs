using Understudy.Llm.Errors;

namespace Understudy.Llm.Middleware.Retries;

/// <summary>How <see cref="RetryingChatClient"/> retries: attempts, exponential backoff with full jitter, Retry-After.</summary>
public sealed record RetryOptions
{
    /// <summary>Attempts in all, the first included (so 6 = 1 try + 5 retries).</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>The backoff cap before jitter for the first retry; doubles with each further retry.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest backoff before jitter.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A server asking to wait longer than this is not waited for: the call fails at once.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Source of jitter; null = <see cref="System.Random.Shared"/>.</summary>
    public Random? Random { get; init; }

    /// <summary>Called before each wait (for progress and usage accounting).</summary>
    public Action<RetryAttempt>? OnRetry { get; init; }
}

/// <summary>One retry about to happen.</summary>
/// <param name="FailedAttempt">The attempt (1-based) that just failed.</param>
/// <param name="Failure">Why it failed.</param>
/// <param name="Delay">How long the client waits before the next attempt.</param>
public sealed record RetryAttempt(int FailedAttempt, ServiceFailure Failure, TimeSpan Delay);
