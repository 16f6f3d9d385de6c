namespace Understudy.Llm.Middleware.RateLimiting;

/// <summary>A provider quota: requests per minute and tokens (input + output) per minute; 0 = not limited.</summary>
public sealed record RateLimitOptions
{
    public int RequestsPerMinute { get; init; }

    public int TokensPerMinute { get; init; }

    /// <summary>
    /// The burst allowed, as the share of the quota that may be spent at once (the buckets' capacity).
    /// Default one second's worth: providers enforce per-minute quotas over shorter windows too.
    /// </summary>
    public TimeSpan BurstWindow { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>True when at least one of the limits is set.</summary>
    public bool IsLimited => RequestsPerMinute > 0 || TokensPerMinute > 0;
}
