using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using Parquet.Utils;
using Understudy.Core.Datasets.Import;
using Understudy.Core.Datasets.Storage;

namespace Understudy.Core.Datasets.Export;

/// <summary>
/// Writes one split of a dataset to a file: JSONL (one object per row, nested values as JSON), CSV (nested values
/// as JSON text, so the importer reads them back) or Parquet (the store's parts joined row group by row group,
/// every column kept). The file appears only when complete (written to a temp file, then renamed).
/// </summary>
public sealed class DatasetExporter(IDatasetStore store)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly IDatasetStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Exports <paramref name="split"/> of <paramref name="datasetId"/> to <paramref name="outputPath"/>; returns the row count.</summary>
    public async Task<long> ExportAsync(string datasetId, string split, string outputPath, DatasetFileFormat format = DatasetFileFormat.Auto,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        DatasetFileFormat resolved = DatasetFileFormats.Resolve(outputPath, format);
        string fullPath = Path.GetFullPath(outputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        string tempPath = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.tmp-{Guid.NewGuid():N}");
        try
        {
            long rows = resolved switch
            {
                DatasetFileFormat.Jsonl => await WriteJsonlAsync(datasetId, split, tempPath, cancellationToken),
                DatasetFileFormat.Csv => await WriteCsvAsync(datasetId, split, tempPath, cancellationToken),
                _ => await WriteParquetAsync(datasetId, split, tempPath, cancellationToken),
            };
            File.Move(tempPath, fullPath, overwrite: true);
            return rows;
        }
        finally
        {
            File.Delete(tempPath);
        }
    }

    private async Task<long> WriteJsonlAsync(string datasetId, string split, string path, CancellationToken cancellationToken)
    {
        long count = 0;
        await using var writer = new StreamWriter(path);
        await foreach (var record in _store.ReadRecordsAsync(datasetId, split, cancellationToken))
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(record, JsonOptions));
            count++;
        }
        return count;
    }

    private async Task<long> WriteCsvAsync(string datasetId, string split, string path, CancellationToken cancellationToken)
    {
        long count = 0;
        await using CsvWriter csv = CsvWriter.ToFile(path, new CsvWriterOptions { NewLine = "\n" });
        string[]? columns = null;
        await foreach (var record in _store.ReadRecordsAsync(datasetId, split, cancellationToken))
        {
            if (columns is null)
            {
                columns = [.. record.Keys];
                foreach (string column in columns)
                {
                    csv.WriteField(column);
                }
                await csv.EndRecordAsync(cancellationToken);
            }
            foreach (string column in columns)
            {
                object? value = record.GetValueOrDefault(column);
                csv.WriteField(value is null or string or IFormattable or bool ? JsonValues.AsText(value) : JsonSerializer.Serialize(value, JsonOptions));
            }
            await csv.EndRecordAsync(cancellationToken);
            count++;
        }
        return count;
    }

    private async Task<long> WriteParquetAsync(string datasetId, string split, string path, CancellationToken cancellationToken)
    {
        if (_store is not ParquetDatasetStore parquetStore)
        {
            throw new NotSupportedException($"Parquet export reads the store's files; {_store.GetType().Name} has none. Export to .jsonl instead.");
        }
        IReadOnlyList<string> parts = parquetStore.GetPartFiles(datasetId, split);
        await using var output = new FileStream(path, FileMode.CreateNew);
        await using var merger = new FileMerger(parts.Select(part => new FileInfo(part)));
        await merger.MergeFilesAsync(output, cancellationToken: cancellationToken);
        long rows = 0;
        foreach (string part in parts)
        {
            rows += await ParquetRowFile.CountRowsAsync(part, cancellationToken);
        }
        return rows;
    }
}
