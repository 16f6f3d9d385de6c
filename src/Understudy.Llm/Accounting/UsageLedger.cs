using Microsoft.Extensions.AI;

namespace Understudy.Llm.Accounting;

/// <summary>
/// Thread-safe running totals of one run's service LLM usage per (role, model): requests, cache hits, failures,
/// retries, input and output tokens and their cost from a <see cref="ModelPriceTable"/>.
/// </summary>
public sealed class UsageLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Role, string Model), UsageEntry> _entries = [];

    public UsageLedger(ModelPriceTable? prices = null)
    {
        Prices = prices ?? ModelPriceTable.Default;
    }

    public ModelPriceTable Prices { get; }

    /// <summary>Records one answered call; a cache hit counts as a request with no tokens spent and no cost.</summary>
    public void RecordResponse(string role, string model, UsageDetails? usage, bool cacheHit)
    {
        var input = cacheHit ? 0 : usage?.InputTokenCount ?? 0;
        var output = cacheHit ? 0 : usage?.OutputTokenCount ?? 0;
        var price = Prices.Find(model);
        Update(role, model, e => e with
        {
            Requests = e.Requests + 1,
            CacheHits = e.CacheHits + (cacheHit ? 1 : 0),
            InputTokens = e.InputTokens + input,
            OutputTokens = e.OutputTokens + output,
            CostUsd = e.CostUsd + (price?.Cost(input, output) ?? 0m),
            IsPriced = price is not null,
        });
    }

    /// <summary>Records a call that failed for good.</summary>
    public void RecordFailure(string role, string model) => Update(role, model, e => e with { Failures = e.Failures + 1 });

    /// <summary>Records one retry (an extra request the provider counted).</summary>
    public void RecordRetry(string role, string model) => Update(role, model, e => e with { Retries = e.Retries + 1 });

    /// <summary>A copy of the totals, ordered by role then model.</summary>
    public UsageSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new UsageSnapshot(_entries.Values.OrderBy(e => e.Role, StringComparer.Ordinal).ThenBy(e => e.Model, StringComparer.Ordinal).ToList());
        }
    }

    private void Update(string role, string model, Func<UsageEntry, UsageEntry> change)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        var key = (role, string.IsNullOrWhiteSpace(model) ? "unknown" : model);
        lock (_lock)
        {
            var current = _entries.GetValueOrDefault(key) ?? new UsageEntry { Role = key.role, Model = key.Item2, IsPriced = Prices.Find(key.Item2) is not null };
            _entries[key] = change(current);
        }
    }
}
