namespace Understudy.Core.Datasets;

/// <summary>A dataset in the store: its splits with row counts, and what produced each split.</summary>
public sealed record DatasetInfo(string Id, IReadOnlyList<SplitInfo> Splits);

/// <summary>One split of a dataset.</summary>
public sealed record SplitInfo(string Name, long RowCount, IReadOnlyList<string> Columns, DatasetProvenance? Provenance);
