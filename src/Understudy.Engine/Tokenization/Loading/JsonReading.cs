using System.Text.Json;

namespace Understudy.Engine.Tokenization.Loading;

/// <summary>Small helpers to read optional keys of tokenizer JSON with errors that name the key.</summary>
internal static class JsonReading
{
    public static string? OptionalString(JsonElement element, string key) =>
        element.TryGetProperty(key, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool OptionalBool(JsonElement element, string key, bool fallback) =>
        element.TryGetProperty(key, out JsonElement value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : fallback;

    public static int OptionalInt(JsonElement element, string key, int fallback) =>
        element.TryGetProperty(key, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : fallback;

    public static string RequiredString(JsonElement element, string key, string path, string origin) =>
        OptionalString(element, key) ?? throw new TokenizerFormatException(origin, $"{path}.{key} is missing or not a string.");

    public static string TypeOf(JsonElement element, string path, string origin) =>
        element.ValueKind == JsonValueKind.Object
            ? RequiredString(element, "type", path, origin)
            : throw new TokenizerFormatException(origin, $"{path} must be an object with a \"type\".");

    /// <summary>Reads <c>{"String": "..."}</c> or <c>{"Regex": "..."}</c> pattern objects.</summary>
    public static (string Text, bool IsRegex) Pattern(JsonElement element, string path, string origin)
    {
        if (!element.TryGetProperty("pattern", out JsonElement pattern) || pattern.ValueKind != JsonValueKind.Object)
            throw new TokenizerFormatException(origin, $"{path}.pattern is missing.");
        if (OptionalString(pattern, "String") is { } literal) return (literal, false);
        if (OptionalString(pattern, "Regex") is { } regex) return (regex, true);
        throw new TokenizerFormatException(origin, $"{path}.pattern must hold \"String\" or \"Regex\".");
    }

    public static System.Text.RegularExpressions.Regex Regex(string pattern, string path, string origin)
    {
        try
        {
            return new System.Text.RegularExpressions.Regex(pattern,
                System.Text.RegularExpressions.RegexOptions.Compiled | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        }
        catch (ArgumentException ex)
        {
            throw new TokenizerFormatException(origin, $"{path}.pattern is a regex .NET cannot compile ({ex.Message}).", ex);
        }
    }

    public static char SingleChar(string text, string path, string origin) =>
        text.Length == 1 ? text[0] : throw new TokenizerFormatException(origin, $"{path} must be a single character, got '{text}'.");
}
