using System.Collections;

namespace Understudy.Core.Datasets.Storage;

/// <summary>
/// Turns what the Parquet untyped reader returns into plain values that print and serialise as JSON:
/// strings, numbers, booleans, <see cref="List{T}"/> of values and <see cref="Dictionary{TKey,TValue}"/> for structs.
/// </summary>
internal static class UntypedValues
{
    public static Dictionary<string, object?> NormaliseRecord(IDictionary<string, object> record)
    {
        var normalised = new Dictionary<string, object?>(record.Count, StringComparer.Ordinal);
        foreach ((string key, object value) in record)
        {
            normalised[key] = Normalise(value);
        }
        return normalised;
    }

    public static object? Normalise(object? value) => value switch
    {
        null => null,
        string text => text,
        ReadOnlyMemory<char> memory => memory.ToString(),
        ReadOnlyMemory<byte> bytes => bytes.ToArray(),
        byte[] bytes => bytes,
        IDictionary<string, object> nested => NormaliseRecord(nested),
        IDictionary dictionary => NormaliseDictionary(dictionary),
        IEnumerable sequence => sequence.Cast<object?>().Select(Normalise).ToList(),
        _ => value,
    };

    private static Dictionary<string, object?> NormaliseDictionary(IDictionary dictionary)
    {
        var normalised = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in dictionary)
        {
            normalised[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? ""] = Normalise(entry.Value);
        }
        return normalised;
    }
}
