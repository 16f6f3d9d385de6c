using System.Text.Json;
using System.Text.Json.Nodes;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace Understudy.Core.Datasets.Storage;

/// <summary>
/// Reads and writes one Parquet file of rows. Typed rows map properties to snake_case columns (via their
/// <c>[JsonPropertyName]</c>); files from elsewhere (Hugging Face <c>datasets</c>, other writers) with extra columns,
/// missing columns or wider integer types are read through their untyped records instead, so they still load.
/// </summary>
internal static class ParquetRowFile
{
    private static readonly ParquetOptions Options = new();

    private static readonly JsonSerializerOptions JsonOptions = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString };

    /// <summary>Writes <paramref name="rows"/> to <paramref name="path"/> atomically: a crash never leaves a partial file there.</summary>
    public static async Task WriteAtomicallyAsync<T>(string path, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class, new()
    {
        string directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        string tempPath = Path.Combine(directory, $".{Path.GetFileName(path)}.tmp-{Guid.NewGuid():N}");
        try
        {
            await using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await ParquetSerializer.SerializeAsync(rows, stream, Options, cancellationToken: cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tempPath, path, overwrite: false);
        }
        finally
        {
            File.Delete(tempPath);
        }
    }

    /// <summary>Typed rows of one file, in order.</summary>
    public static async Task<IReadOnlyList<T>> ReadAsync<T>(string path, CancellationToken cancellationToken)
        where T : class, new()
    {
        ParquetSchema fileSchema = await ReadSchemaAsync(path, cancellationToken);
        if (MatchesClassSchema(fileSchema, typeof(T)))
        {
            var rows = (await ParquetSerializer.DeserializeAsync<T>(path, Options, cancellationToken: cancellationToken)).Data;
            foreach ((string column, List<List<object?>?> lists) in await ReadNullableListsAsync(path, fileSchema, cancellationToken))
            {
                RowProperties.SetListColumn(rows, column, lists);
            }
            return rows.Select(RowDefaults.Fill).ToList();
        }
        List<Dictionary<string, object?>> records = await ReadRecordsAsync(path, cancellationToken);
        return records.Select((record, index) => ConvertRecord<T>(record, path, index)).ToList();
    }

    /// <summary>Untyped records of one file: strings, numbers, booleans, lists and nested dictionaries.</summary>
    public static async Task<List<Dictionary<string, object?>>> ReadRecordsAsync(
        string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var result = await ParquetSerializer.DeserializeUntypedAsync(stream, Options, cancellationToken: cancellationToken);
        var records = result.Data.Select(UntypedValues.NormaliseRecord).ToList();
        foreach ((string column, List<List<object?>?> lists) in await ReadNullableListsAsync(path, result.Schema, cancellationToken))
        {
            for (int row = 0; row < records.Count; row++)
            {
                records[row][column] = lists[row];
            }
        }
        return records;
    }

    public static async Task<ParquetSchema> ReadSchemaAsync(string path, CancellationToken cancellationToken)
    {
        await using ParquetReader reader = await ParquetReader.CreateAsync(path, Options, cancellationToken);
        return reader.Schema;
    }

    public static async Task<long> CountRowsAsync(string path, CancellationToken cancellationToken)
    {
        await using ParquetReader reader = await ParquetReader.CreateAsync(path, Options, cancellationToken);
        return reader.Metadata?.NumRows ?? reader.RowGroups.Sum(group => group.RowCount);
    }

    /// <summary>Total rows of several files, from their footers.</summary>
    public static async Task<long> CountRowsAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (string path in paths)
        {
            total += await CountRowsAsync(path, cancellationToken);
        }
        return total;
    }

    private static bool MatchesClassSchema(ParquetSchema fileSchema, Type rowType)
    {
        ParquetSchema classSchema = rowType.GetParquetSchema(false);
        return classSchema.Fields.All(field => fileSchema.Fields.Any(candidate => candidate.Equals(field)));
    }

    private static async Task<List<(string Column, List<List<object?>?> Lists)>> ReadNullableListsAsync(
        string path, ParquetSchema schema, CancellationToken cancellationToken)
    {
        var columns = NullableListColumns.Find(schema);
        var result = new List<(string, List<List<object?>?>)>(columns.Count);
        if (columns.Count == 0)
        {
            return result;
        }
        await using ParquetReader reader = await ParquetReader.CreateAsync(path, Options, cancellationToken);
        foreach ((string column, DataField item) in columns)
        {
            result.Add((column, await NullableListColumns.ReadAsync(reader, item, cancellationToken)));
        }
        return result;
    }

    private static T ConvertRecord<T>(Dictionary<string, object?> record, string path, int index)
        where T : class, new()
    {
        try
        {
            JsonNode? node = JsonSerializer.SerializeToNode(record);
            T row = node.Deserialize<T>(JsonOptions) ?? new T();
            return RowDefaults.Fill(row);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException(
                $"Row {index} of '{path}' does not fit {typeof(T).Name}: {exception.Message}", exception);
        }
    }
}
