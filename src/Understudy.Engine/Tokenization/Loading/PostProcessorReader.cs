using System.Text.Json;

namespace Understudy.Engine.Tokenization.Loading;

/// <summary>
/// Reads the <c>post_processor</c> of <c>tokenizer.json</c> as the ids it adds around a single sequence
/// (<c>TemplateProcessing</c>, <c>Roberta/BertProcessing</c>; <c>ByteLevel</c> adds none).
/// </summary>
internal static class PostProcessorReader
{
    public static SpecialTokenTemplate Read(JsonElement element, string path, string origin)
    {
        if (element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return SpecialTokenTemplate.None;
        string type = JsonReading.TypeOf(element, path, origin);
        switch (type)
        {
            case "ByteLevel":
                return SpecialTokenTemplate.None;
            case "Sequence":
                if (!element.TryGetProperty("processors", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
                    throw new TokenizerFormatException(origin, $"{path}.processors must be an array.");
                SpecialTokenTemplate result = SpecialTokenTemplate.None;
                int index = 0;
                foreach (JsonElement item in list.EnumerateArray()) result = Read(item, $"{path}.processors[{index++}]", origin).Around(result);
                return result;
            case "TemplateProcessing":
                return ReadTemplate(element, path, origin);
            case "RobertaProcessing" or "BertProcessing":
                return new SpecialTokenTemplate([ReadPairId(element, "cls", path, origin)], [ReadPairId(element, "sep", path, origin)]);
            default:
                throw new TokenizerFormatException(origin,
                    $"{path}.type '{type}' is not supported (supported: TemplateProcessing, ByteLevel, Sequence, RobertaProcessing, BertProcessing).");
        }
    }

    private static SpecialTokenTemplate ReadTemplate(JsonElement element, string path, string origin)
    {
        if (!element.TryGetProperty("single", out JsonElement single) || single.ValueKind != JsonValueKind.Array)
            throw new TokenizerFormatException(origin, $"{path}.single must be an array.");
        element.TryGetProperty("special_tokens", out JsonElement specials);
        var prefix = new List<int>();
        var suffix = new List<int>();
        bool seenSequence = false;
        foreach (JsonElement item in single.EnumerateArray())
        {
            if (item.TryGetProperty("Sequence", out _))
            {
                seenSequence = true;
                continue;
            }
            if (!item.TryGetProperty("SpecialToken", out JsonElement special))
                throw new TokenizerFormatException(origin, $"{path}.single holds an item that is neither Sequence nor SpecialToken.");
            string name = JsonReading.RequiredString(special, "id", $"{path}.single[].SpecialToken", origin);
            if (specials.ValueKind != JsonValueKind.Object || !specials.TryGetProperty(name, out JsonElement entry)
                || !entry.TryGetProperty("ids", out JsonElement ids))
                throw new TokenizerFormatException(origin, $"{path}.special_tokens has no ids for '{name}'.");
            (seenSequence ? suffix : prefix).AddRange(ids.EnumerateArray().Select(i => i.GetInt32()));
        }
        return new SpecialTokenTemplate(prefix, suffix);
    }

    private static int ReadPairId(JsonElement element, string key, string path, string origin) =>
        element.TryGetProperty(key, out JsonElement pair) && pair.ValueKind == JsonValueKind.Array && pair.GetArrayLength() == 2
            ? pair[1].GetInt32()
            : throw new TokenizerFormatException(origin, $"{path}.{key} must be [token, id].");
}
