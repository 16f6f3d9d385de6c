using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Understudy.Core.Configuration;

/// <summary>Renders config values the way a config file writes them, for messages, tables and hashing.</summary>
public static class ConfigValueFormatter
{
    /// <summary>Display text: <c>5</c>, <c>0.9</c>, <c>true</c>, <c>'text'</c>, <c>[a, b]</c>, <c>{a: 0.5}</c>, <c>null</c>.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        string text => $"'{text}'",
        _ => FormatUnquoted(value),
    };

    /// <summary>Display text without quotes around strings (for tables).</summary>
    public static string FormatUnquoted(object? value) => value switch
    {
        null => "null",
        string text => text,
        bool flag => flag ? "true" : "false",
        Enum member => EnumNames.ToConfigValue(member),
        TimeSpan duration => DurationParser.Format(duration),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        IDictionary map => "{" + string.Join(", ", map.Keys.Cast<object>().Select(k => $"{k}: {FormatUnquoted(map[k])}")) + "}",
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(FormatUnquoted)) + "]",
        _ => value.ToString() ?? "",
    };

    /// <summary>The value as plain JSON-friendly data: strings, numbers, booleans, lists and string-keyed maps.</summary>
    public static object? ToPlain(object? value) => value switch
    {
        null or string or bool or int or long or double or float or decimal => value,
        Enum member => EnumNames.ToConfigValue(member),
        TimeSpan duration => DurationParser.Format(duration),
        Uri uri => uri.ToString(),
        IDictionary map => map.Keys.Cast<object>().OrderBy(k => k.ToString(), StringComparer.Ordinal)
            .ToDictionary(k => k.ToString()!, k => ToPlain(map[k])),
        IEnumerable items => items.Cast<object?>().Select(ToPlain).ToList(),
        _ => value.ToString(),
    };

    /// <summary>Canonical JSON of a plain value (sorted map keys, invariant numbers), used for hashing.</summary>
    public static string ToCanonicalJson(object? value) => JsonSerializer.Serialize(ToPlain(value));
}
