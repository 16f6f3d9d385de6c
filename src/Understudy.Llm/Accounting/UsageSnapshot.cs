using System.Globalization;

namespace Understudy.Llm.Accounting;

/// <summary>A consistent copy of a <see cref="UsageLedger"/>'s totals, for progress bars and run summaries.</summary>
public sealed record UsageSnapshot(IReadOnlyList<UsageEntry> Entries)
{
    public long Requests => Entries.Sum(e => e.Requests);

    public long CacheHits => Entries.Sum(e => e.CacheHits);

    public long Failures => Entries.Sum(e => e.Failures);

    public long Retries => Entries.Sum(e => e.Retries);

    public long InputTokens => Entries.Sum(e => e.InputTokens);

    public long OutputTokens => Entries.Sum(e => e.OutputTokens);

    public decimal CostUsd => Entries.Sum(e => e.CostUsd);

    /// <summary>Models used that have no price, so <see cref="CostUsd"/> leaves them out.</summary>
    public IReadOnlyList<string> UnpricedModels => Entries.Where(e => !e.IsPriced && e.Requests > e.CacheHits).Select(e => e.Model).Distinct().ToList();

    /// <summary>One line per (role, model), e.g. "judge gpt-4o-mini: 120 requests (30 cached, 2 retries, 0 failed), 45,000 in / 3,000 out tokens, $0.0086".</summary>
    public IReadOnlyList<string> Describe() => Entries.Select(e => string.Create(CultureInfo.InvariantCulture,
        $"{e.Role} {e.Model}: {e.Requests} requests ({e.CacheHits} cached, {e.Retries} retries, {e.Failures} failed), " +
        $"{e.InputTokens:N0} in / {e.OutputTokens:N0} out tokens, {(e.IsPriced ? $"${e.CostUsd:0.####}" : "no price known")}")).ToList();

    /// <summary>The entries of one role.</summary>
    public IEnumerable<UsageEntry> ForRole(string role) => Entries.Where(e => string.Equals(e.Role, role, StringComparison.OrdinalIgnoreCase));
}
