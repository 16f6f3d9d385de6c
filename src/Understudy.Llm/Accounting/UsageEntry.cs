namespace Understudy.Llm.Accounting;

/// <summary>Totals of one (role, model) pair in a <see cref="UsageSnapshot"/>.</summary>
public sealed record UsageEntry
{
    /// <summary>The model role: teacher, judge, generator...</summary>
    public required string Role { get; init; }

    public required string Model { get; init; }

    /// <summary>Calls answered, cache hits included.</summary>
    public long Requests { get; init; }

    /// <summary>Calls answered from the response cache (no tokens spent, no cost).</summary>
    public long CacheHits { get; init; }

    /// <summary>Calls that failed after every retry.</summary>
    public long Failures { get; init; }

    /// <summary>Retries made (each one a request the provider counted).</summary>
    public long Retries { get; init; }

    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    /// <summary>Cost in US dollars; 0 when the model has no price (<see cref="IsPriced"/> false).</summary>
    public decimal CostUsd { get; init; }

    /// <summary>False when the price table knows no price for <see cref="Model"/>.</summary>
    public bool IsPriced { get; init; }
}
