using System.Text;
using System.Text.Json;
using Understudy.Engine.Tokenization.Normalizers;

namespace Understudy.Engine.Tokenization.Loading;

/// <summary>Builds an <see cref="INormalizer"/> from the <c>normalizer</c> section of <c>tokenizer.json</c>.</summary>
internal static class NormalizerReader
{
    public static INormalizer? Read(JsonElement element, string path, string origin)
    {
        if (element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return null;
        string type = JsonReading.TypeOf(element, path, origin);
        return type switch
        {
            "Sequence" => new SequenceNormalizer(ReadList(element, "normalizers", path, origin)),
            "Prepend" => new PrependNormalizer(JsonReading.RequiredString(element, "prepend", path, origin)),
            "Replace" => ReadReplace(element, path, origin),
            "NFC" => new UnicodeNormalizer(NormalizationForm.FormC),
            "NFD" => new UnicodeNormalizer(NormalizationForm.FormD),
            "NFKC" => new UnicodeNormalizer(NormalizationForm.FormKC),
            "NFKD" => new UnicodeNormalizer(NormalizationForm.FormKD),
            "Lowercase" => new LowercaseNormalizer(),
            _ => throw new TokenizerFormatException(origin,
                $"{path}.type '{type}' is not supported (supported: Sequence, Prepend, Replace, NFC, NFD, NFKC, NFKD, Lowercase)."),
        };
    }

    public static ReplaceNormalizer ReadReplace(JsonElement element, string path, string origin)
    {
        (string pattern, bool isRegex) = JsonReading.Pattern(element, path, origin);
        string content = JsonReading.RequiredString(element, "content", path, origin);
        return isRegex
            ? ReplaceNormalizer.Regex(JsonReading.Regex(pattern, path, origin), content)
            : ReplaceNormalizer.Literal(pattern, content);
    }

    private static List<INormalizer> ReadList(JsonElement element, string key, string path, string origin)
    {
        if (!element.TryGetProperty(key, out JsonElement list) || list.ValueKind != JsonValueKind.Array)
            throw new TokenizerFormatException(origin, $"{path}.{key} must be an array.");
        var result = new List<INormalizer>();
        int index = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            if (Read(item, $"{path}.{key}[{index++}]", origin) is { } normalizer) result.Add(normalizer);
        }
        return result;
    }
}
