using System.Reflection;
using Parquet;
using Parquet.Schema;

namespace Understudy.Core.Datasets.Storage;

/// <summary>
/// Reads top-level list columns whose elements may be null (<c>similarity_scores: list&lt;int32?&gt;</c>) straight
/// from their definition and repetition levels. Parquet.Net 6's serialisers write such lists correctly but drop
/// the null elements when reading them back (<c>[90, null]</c> comes back as <c>[90]</c>), which would shift judge
/// scores between repeats; the store reads these columns itself and puts the lists back in place.
/// </summary>
internal static class NullableListColumns
{
    private static readonly MethodInfo ReadValuesMethod =
        typeof(NullableListColumns).GetMethod(nameof(ReadValuesAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Top-level list columns of <paramref name="schema"/> whose elements are nullable primitives or strings (read as <see cref="ReadOnlyMemory{T}"/> of char).</summary>
    public static IReadOnlyList<(string Column, DataField Item)> Find(ParquetSchema schema) =>
        schema.Fields.OfType<ListField>()
            .Where(list => list.Item is DataField { IsNullable: true, MaxRepetitionLevel: 1 } item &&
                           item.ClrType.IsValueType)
            .Select(list => (list.Name, (DataField)list.Item))
            .ToList();

    /// <summary>
    /// False when the column statistics of every row group count no null leaf (no null element, empty or null list),
    /// so the serialiser's lists are already exact and the column need not be read again.
    /// </summary>
    public static bool MayHoldNulls(ParquetReader reader, DataField item)
    {
        for (int group = 0; group < reader.RowGroupCount; group++)
        {
            using ParquetRowGroupReader rowGroup = reader.OpenRowGroupReader(group);
            if (rowGroup.GetStatistics(item)?.NullCount is not 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>One list (or null) per row of the file, nulls kept in place.</summary>
    public static async Task<List<List<object?>?>> ReadAsync(ParquetReader reader, DataField item, CancellationToken cancellationToken)
    {
        var rows = new List<List<object?>?>();
        for (int group = 0; group < reader.RowGroupCount; group++)
        {
            using ParquetRowGroupReader rowGroup = reader.OpenRowGroupReader(group);
            int levelCount = checked((int)(rowGroup.GetMetadata(item)?.MetaData?.NumValues ?? 0));
            var dl = new int[levelCount];
            var rl = new int[levelCount];
            var read = (Task<object?[]>)ReadValuesMethod.MakeGenericMethod(item.ClrType)
                .Invoke(null, [rowGroup, item, dl, rl, cancellationToken])!;
            object?[] values = await read;
            Assemble(rows, values, dl, rl, item.MaxDefinitionLevel);
        }
        return rows;
    }

    private static void Assemble(List<List<object?>?> rows, object?[] values, int[] dl, int[] rl, int maxDefinitionLevel)
    {
        int nextValue = 0;
        for (int i = 0; i < dl.Length; i++)
        {
            if (rl[i] == 0)
            {
                // Levels below "empty list" mean the list itself is null.
                rows.Add(dl[i] >= maxDefinitionLevel - 2 ? [] : null);
            }
            List<object?>? current = rows[^1];
            if (dl[i] == maxDefinitionLevel)
            {
                current!.Add(values[nextValue++]);
            }
            else if (dl[i] == maxDefinitionLevel - 1)
            {
                current!.Add(null);
            }
        }
    }

    private static async Task<object?[]> ReadValuesAsync<T>(ParquetRowGroupReader rowGroup, DataField item, int[] dl, int[] rl,
        CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T[dl.Length];
        await rowGroup.ReadRawAsync<T>(item, values, dl, rl, cancellationToken);
        return values.Select(value => UntypedValues.Normalise(value)).ToArray();
    }
}
