namespace Understudy.Core.Datasets.Import;

/// <summary>What an import did: rows read, kept, dropped as duplicates or invalid (with the first reasons), and the split sizes.</summary>
public sealed record ImportReport(
    string SourcePath,
    string DatasetId,
    int RowsRead,
    int Duplicates,
    int Invalid,
    IReadOnlyList<string> Problems,
    int TrainRows,
    int TestRows)
{
    /// <summary>Rows written to the dataset (train + test).</summary>
    public int Imported => TrainRows + TestRows;
}
