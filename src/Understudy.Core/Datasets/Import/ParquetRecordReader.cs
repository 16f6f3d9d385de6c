using System.Runtime.CompilerServices;
using Understudy.Core.Datasets.Storage;

namespace Understudy.Core.Datasets.Import;

/// <summary>Reads the records of a Parquet file (any writer, any extra columns); locations are 1-based row numbers.</summary>
internal static class ParquetRecordReader
{
    public static async IAsyncEnumerable<SourceRecord> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<Dictionary<string, object?>> records;
        try
        {
            records = await ParquetRowFile.ReadRecordsAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or NotSupportedException)
        {
            throw new DatasetImportException($"'{path}' could not be read as Parquet: {exception.Message}", exception);
        }
        for (int row = 0; row < records.Count; row++)
        {
            yield return new SourceRecord($"row {row + 1}", records[row]);
        }
    }
}
