using System.Text.Json;
using Understudy.Server.Errors;

namespace Understudy.Server.Requests;

/// <summary>Reads request fields with errors that name the field, what it must be and what it was.</summary>
internal static class JsonFields
{
    public static string RequiredString(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            throw OpenAiException.InvalidField(name, $"'{name}' is required.");
        if (value.ValueKind != JsonValueKind.String) throw WrongType(name, "a string", value);
        return value.GetString()!;
    }

    public static bool Bool(JsonElement body, string name, bool fallback = false)
    {
        if (!Present(body, name, out JsonElement value)) return fallback;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(name, "a boolean", value),
        };
    }

    public static double? Number(JsonElement body, string name, double min, double max)
    {
        if (!Present(body, name, out JsonElement value)) return null;
        if (value.ValueKind != JsonValueKind.Number) throw WrongType(name, "a number", value);
        double number = value.GetDouble();
        if (number < min || number > max)
            throw OpenAiException.InvalidField(name, $"'{name}' must be between {min} and {max}; got {number}.");
        return number;
    }

    public static long? Integer(JsonElement body, string name, long min, long max)
    {
        if (!Present(body, name, out JsonElement value)) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long number)) throw WrongType(name, "an integer", value);
        if (number < min || number > max)
            throw OpenAiException.InvalidField(name, $"'{name}' must be between {min} and {max}; got {number}.");
        return number;
    }

    /// <summary>A string or an array of strings (e.g. <c>stop</c>, <c>input</c>, <c>prompt</c>).</summary>
    public static IReadOnlyList<string>? StringOrArray(JsonElement body, string name)
    {
        if (!Present(body, name, out JsonElement value)) return null;
        if (value.ValueKind == JsonValueKind.String) return [value.GetString()!];
        if (value.ValueKind != JsonValueKind.Array) throw WrongType(name, "a string or an array of strings", value);
        var items = new List<string>();
        foreach (JsonElement item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                throw OpenAiException.InvalidField(name, $"'{name}[{items.Count}]' must be a string; got {Describe(item)} (token-id arrays are not accepted).");
            items.Add(item.GetString()!);
        }
        return items;
    }

    /// <summary>Rejects a field the server cannot honour rather than silently ignoring it.</summary>
    public static void Unsupported(JsonElement body, string name, Func<JsonElement, bool> isHarmless, string why)
    {
        if (Present(body, name, out JsonElement value) && !isHarmless(value))
            throw OpenAiException.InvalidField(name, $"'{name}' is not supported by this server: {why}");
    }

    public static bool Present(JsonElement body, string name, out JsonElement value) =>
        body.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    public static OpenAiException WrongType(string name, string expected, JsonElement value) =>
        OpenAiException.InvalidField(name, $"'{name}' must be {expected}; got {Describe(value)}.");

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
