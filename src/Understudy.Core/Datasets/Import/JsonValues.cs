using System.Globalization;
using System.Text.Json;

namespace Understudy.Core.Datasets.Import;

/// <summary>Turns a <see cref="JsonElement"/> into the plain values records use (string, long, double, bool, list, dictionary).</summary>
internal static class JsonValues
{
    public static object? ToPlain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out long whole) ? whole : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(ToPlain).ToList(),
        JsonValueKind.Object => ToRecord(element),
        _ => null,
    };

    public static Dictionary<string, object?> ToRecord(JsonElement element)
    {
        var record = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            record[property.Name] = ToPlain(property.Value);
        }
        return record;
    }

    /// <summary>Text of a scalar value (numbers in invariant culture); null for lists and objects.</summary>
    public static string? AsText(object? value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => null,
    };
}
