namespace Understudy.Pipelines.Duo;

/// <summary>What a curation step kept and removed (per rule), and where its report is.</summary>
/// <param name="RemovedByRule">Rows removed per rule name (exact_dedup, near_dedup, decontamination, length...).</param>
/// <param name="ReportPath">The curation report file, or null when the curator writes none.</param>
public sealed record CurationOutcome(int Kept, IReadOnlyDictionary<string, int> RemovedByRule, string? ReportPath);
