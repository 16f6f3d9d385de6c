using System.Text.Json;
using Understudy.Core.Datasets.Splitting;

namespace Understudy.Core.Datasets.Import;

/// <summary>
/// Imports a JSONL, CSV or Parquet file of (prompt, response) pairs or chats into a coverage dataset with
/// <c>train</c> and <c>test</c> splits of <see cref="CoverageRow"/>. Exact duplicates (same chat, hence same
/// <see cref="RowId"/>) are dropped and counted. An invalid row stops the import with its file, line and reason,
/// unless <see cref="ImportOptions.SkipInvalid"/> is set. The splits are replaced, so a rerun gives the same dataset.
/// </summary>
public sealed class DatasetImporter(IDatasetStore store)
{
    private const int MaxReportedProblems = 20;
    private readonly IDatasetStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Imports <paramref name="path"/> into <paramref name="datasetId"/>.</summary>
    public async Task<ImportReport> ImportAsync(string path, string datasetId, ImportOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        DatasetIds.Validate(datasetId);
        options.Validate();
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The file to import '{path}' does not exist.", path);
        }
        string fileName = Path.GetFileName(path);
        var rows = new List<CoverageRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        int read = 0, duplicates = 0, invalid = 0;
        await foreach (SourceRecord record in ReadRecords(path, options.Format, cancellationToken))
        {
            read++;
            (CoverageRow? row, string? problem) = CoverageRowBuilder.Build(record, options);
            if (row is null)
            {
                string message = $"{fileName} {record.Location}: {problem}";
                if (!options.SkipInvalid)
                {
                    throw new DatasetImportException($"{message}. Fix the row, or pass --skip-invalid to count and skip invalid rows.");
                }
                invalid++;
                if (problems.Count < MaxReportedProblems)
                {
                    problems.Add(message);
                }
                continue;
            }
            if (!seen.Add(row.PromptId))
            {
                duplicates++;
                continue;
            }
            rows.Add(row);
        }
        if (rows.Count == 0)
        {
            throw new DatasetImportException($"{fileName}: no valid rows to import ({read} read, {invalid} invalid, {duplicates} duplicates)." +
                (problems.Count > 0 ? " First problem: " + problems[0] : ""));
        }
        var (train, test) = TrainTestSplitter.Split(rows, row => row.PromptId, options.TestSize, options.Seed,
            options.StratifyByCategory ? row => row.Category : null);
        var provenance = new DatasetProvenance("import", ConfigHash(options), [Path.GetFullPath(path)]);
        await _store.WriteAsync(datasetId, "train", train, provenance, cancellationToken);
        if (test.Count > 0)
        {
            await _store.WriteAsync(datasetId, "test", test, provenance, cancellationToken);
        }
        else
        {
            await _store.DeleteAsync(datasetId, "test", cancellationToken);
        }
        return new ImportReport(path, datasetId, read, duplicates, invalid, problems, train.Count, test.Count);
    }

    /// <summary>The records of an import file, read by its format.</summary>
    public static IAsyncEnumerable<SourceRecord> ReadRecords(string path, DatasetFileFormat format, CancellationToken cancellationToken) =>
        DatasetFileFormats.Resolve(path, format) switch
        {
            DatasetFileFormat.Jsonl => JsonlRecordReader.ReadAsync(path, cancellationToken),
            DatasetFileFormat.Csv => CsvRecordReader.ReadAsync(path, cancellationToken),
            _ => ParquetRecordReader.ReadAsync(path, cancellationToken),
        };

    private static string ConfigHash(ImportOptions options) => RowId.FromContent(JsonSerializer.Serialize(options));
}
