using System.Text.Json;
using Understudy.Engine.Tokenization.Models;

namespace Understudy.Engine.Tokenization.Loading;

/// <summary>Reads the <c>model</c> section (BPE) and the <c>added_tokens</c> list of <c>tokenizer.json</c>.</summary>
internal static class ModelReader
{
    public static BpeModel ReadBpe(JsonElement root, string origin)
    {
        if (!root.TryGetProperty("model", out JsonElement model) || model.ValueKind != JsonValueKind.Object)
            throw new TokenizerFormatException(origin, "the \"model\" section is missing.");
        string type = JsonReading.OptionalString(model, "type") ?? (model.TryGetProperty("merges", out _) ? "BPE" : "unknown");
        if (type != "BPE")
            throw new TokenizerFormatException(origin, $"model.type '{type}' is not supported; only BPE tokenizers (Llama, Qwen, Gemma, Mistral, SmolLM, GPT-2 style) are.");
        if (model.TryGetProperty("dropout", out JsonElement dropout) && dropout.ValueKind == JsonValueKind.Number && dropout.GetDouble() > 0)
            throw new TokenizerFormatException(origin, "model.dropout is set; BPE dropout is a training-time option and is not supported for encoding.");

        var options = new BpeOptions
        {
            Vocabulary = ReadVocabulary(model, origin),
            Merges = ReadMerges(model, origin),
            UnknownToken = JsonReading.OptionalString(model, "unk_token"),
            FuseUnknown = JsonReading.OptionalBool(model, "fuse_unk", false),
            ByteFallback = JsonReading.OptionalBool(model, "byte_fallback", false),
            IgnoreMerges = JsonReading.OptionalBool(model, "ignore_merges", false),
            ContinuingSubwordPrefix = NullIfEmpty(JsonReading.OptionalString(model, "continuing_subword_prefix")),
            EndOfWordSuffix = NullIfEmpty(JsonReading.OptionalString(model, "end_of_word_suffix")),
        };
        return new BpeModel(options, origin);
    }

    public static List<AddedToken> ReadAddedTokens(JsonElement root, string origin)
    {
        var tokens = new List<AddedToken>();
        if (!root.TryGetProperty("added_tokens", out JsonElement list) || list.ValueKind != JsonValueKind.Array) return tokens;
        int index = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            string path = $"added_tokens[{index++}]";
            if (!item.TryGetProperty("id", out JsonElement id) || id.ValueKind != JsonValueKind.Number)
                throw new TokenizerFormatException(origin, $"{path}.id is missing.");
            tokens.Add(new AddedToken(
                id.GetInt32(),
                JsonReading.RequiredString(item, "content", path, origin),
                JsonReading.OptionalBool(item, "special", false),
                JsonReading.OptionalBool(item, "normalized", false),
                JsonReading.OptionalBool(item, "lstrip", false),
                JsonReading.OptionalBool(item, "rstrip", false),
                JsonReading.OptionalBool(item, "single_word", false)));
        }
        return tokens;
    }

    private static Dictionary<string, int> ReadVocabulary(JsonElement model, string origin)
    {
        if (!model.TryGetProperty("vocab", out JsonElement vocab) || vocab.ValueKind != JsonValueKind.Object)
            throw new TokenizerFormatException(origin, "model.vocab must be an object of token → id.");
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (JsonProperty entry in vocab.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Number)
                throw new TokenizerFormatException(origin, $"model.vocab['{entry.Name}'] is not a number.");
            result[entry.Name] = entry.Value.GetInt32();
        }
        return result;
    }

    private static List<(string, string)> ReadMerges(JsonElement model, string origin)
    {
        var merges = new List<(string, string)>();
        if (!model.TryGetProperty("merges", out JsonElement list) || list.ValueKind != JsonValueKind.Array) return merges;
        int rank = 0;
        foreach (JsonElement merge in list.EnumerateArray())
        {
            if (merge.ValueKind == JsonValueKind.String)
            {
                string[] parts = merge.GetString()!.Split(' ');
                if (parts.Length != 2)
                    throw new TokenizerFormatException(origin, $"model.merges[{rank}] must be two tokens separated by one space.");
                merges.Add((parts[0], parts[1]));
            }
            else if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2)
            {
                merges.Add((merge[0].GetString() ?? "", merge[1].GetString() ?? ""));
            }
            else
            {
                throw new TokenizerFormatException(origin, $"model.merges[{rank}] must be \"a b\" or [\"a\", \"b\"].");
            }
            rank++;
        }
        return merges;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
