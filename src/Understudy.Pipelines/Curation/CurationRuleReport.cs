namespace Understudy.Pipelines.Curation;

/// <summary>What one rule removed: the count and the first few removed rows (see <see cref="CurationRules"/> for names).</summary>
public sealed record CurationRuleReport(string Rule, string Description, int Removed, IReadOnlyList<CurationExample> Examples);
