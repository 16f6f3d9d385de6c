using System.Collections;
using System.Text.Json;
using Understudy.Engine.ChatTemplates.Runtime;

namespace Understudy.Engine.ChatTemplates;

/// <summary>Converts .NET values (and <see cref="JsonElement"/>) into the Python-like values templates operate on.</summary>
public static class TemplateValues
{
    /// <summary>
    /// Converts strings, numbers, booleans, null, dictionaries with string keys, sequences, JSON elements and
    /// <see cref="ChatTemplateMessage"/>s; anything else is rejected with its type.
    /// </summary>
    public static object? From(object? value) => value switch
    {
        null => null,
        string or bool or long or double => value,
        int or short or byte or sbyte or ushort or uint => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        float or decimal => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
        JsonElement json => FromJson(json),
        ChatTemplateMessage message => FromMessage(message),
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(p => p.Key, p => From(p.Value), StringComparer.Ordinal),
        IDictionary<string, object?> map => map.ToDictionary(p => p.Key, p => From(p.Value), StringComparer.Ordinal),
        IEnumerable sequence => sequence.Cast<object?>().Select(From).ToList(),
        _ => throw new ArgumentException($"A value of type {value.GetType().Name} cannot be passed to a chat template; use strings, numbers, booleans, lists or dictionaries.", nameof(value)),
    };

    /// <summary>Converts a JSON element (objects keep their key order).</summary>
    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out long integer) && !element.GetRawText().Contains('.') && !element.GetRawText().Contains('e', StringComparison.OrdinalIgnoreCase)
            ? integer
            : element.GetDouble(),
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value), StringComparer.Ordinal),
        _ => throw new ArgumentException($"Unsupported JSON value kind {element.ValueKind}.", nameof(element)),
    };

    private static Dictionary<string, object?> FromMessage(ChatTemplateMessage message)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal) { ["role"] = message.Role, ["content"] = message.Content };
        if (message.Properties is null) return result;
        foreach ((string key, object? item) in message.Properties) result[key] = From(item);
        return result;
    }

    internal static bool IsTemplateValue(object? value) => value is null or Undefined or string or bool or long or double
        or List<object?> or object?[] or Dictionary<string, object?>;
}
