using System.Text.Json;
using Understudy.Engine.Tokenization.PreTokenizers;

namespace Understudy.Engine.Tokenization.Loading;

/// <summary>Builds an <see cref="IPreTokenizer"/> from the <c>pre_tokenizer</c> section of <c>tokenizer.json</c>.</summary>
internal static class PreTokenizerReader
{
    public static IPreTokenizer? Read(JsonElement element, string path, string origin)
    {
        if (element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return null;
        string type = JsonReading.TypeOf(element, path, origin);
        switch (type)
        {
            case "Sequence":
                if (!element.TryGetProperty("pretokenizers", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
                    throw new TokenizerFormatException(origin, $"{path}.pretokenizers must be an array.");
                return new SequencePreTokenizer(list.EnumerateArray()
                    .Select((item, i) => Read(item, $"{path}.pretokenizers[{i}]", origin))
                    .OfType<IPreTokenizer>()
                    .ToList());
            case "Split":
                return ReadSplit(element, path, origin);
            case "ByteLevel":
                return new ByteLevelPreTokenizer(
                    JsonReading.OptionalBool(element, "add_prefix_space", true),
                    JsonReading.OptionalBool(element, "use_regex", true));
            case "Digits":
                return new DigitsPreTokenizer(JsonReading.OptionalBool(element, "individual_digits", false));
            case "Metaspace":
                return new MetaspacePreTokenizer(
                    JsonReading.SingleChar(JsonReading.OptionalString(element, "replacement") ?? "\u2581", $"{path}.replacement", origin),
                    ReadPrependScheme(element),
                    JsonReading.OptionalBool(element, "split", true));
            default:
                throw new TokenizerFormatException(origin,
                    $"{path}.type '{type}' is not supported (supported: Sequence, Split, ByteLevel, Digits, Metaspace).");
        }
    }

    /// <summary>Reads <c>prepend_scheme</c>, or the older <c>add_prefix_space</c> flag.</summary>
    public static string ReadPrependScheme(JsonElement element) =>
        JsonReading.OptionalString(element, "prepend_scheme")
        ?? (JsonReading.OptionalBool(element, "add_prefix_space", true) ? "always" : "never");

    private static SplitPreTokenizer ReadSplit(JsonElement element, string path, string origin)
    {
        (string pattern, bool isRegex) = JsonReading.Pattern(element, path, origin);
        string behaviorName = JsonReading.RequiredString(element, "behavior", path, origin);
        if (!Enum.TryParse(behaviorName, ignoreCase: false, out SplitBehavior behavior))
            throw new TokenizerFormatException(origin, $"{path}.behavior '{behaviorName}' is not a known split behaviour.");
        bool invert = JsonReading.OptionalBool(element, "invert", false);
        return isRegex
            ? new SplitPreTokenizer(JsonReading.Regex(pattern, path, origin), behavior, invert)
            : SplitPreTokenizer.Literal(pattern, behavior, invert);
    }
}
