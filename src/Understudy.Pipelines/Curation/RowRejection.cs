namespace Understudy.Pipelines.Curation;

/// <summary>Why a rule removed a row: a readable reason, the deciding number, and the row it matched (if any).</summary>
public sealed record RowRejection(string Reason, double? Score = null, CurationRow? Matched = null);
