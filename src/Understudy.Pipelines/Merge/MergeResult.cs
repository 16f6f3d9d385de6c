namespace Understudy.Pipelines.Merge;

/// <summary>What a merge did. Rows are never duplicated: a repeated row (same chat content) is counted, not written twice.</summary>
/// <param name="AddedTrainRows">Train rows that were not in the result before.</param>
/// <param name="DuplicateRows">Input rows dropped because the same content was already present.</param>
/// <param name="DecontaminatedRows">Train rows dropped because their prompt is in the test split.</param>
/// <param name="SkippedRows">Input rows that cannot be training rows (no user or no assistant turn); see <see cref="SkipReasons"/>.</param>
public sealed record MergeResult(
    string ResultDatasetId,
    int TrainRows,
    int TestRows,
    int AddedTrainRows,
    int AddedTestRows,
    int DuplicateRows,
    int DecontaminatedRows,
    int SkippedRows,
    IReadOnlyList<string> SkipReasons);
