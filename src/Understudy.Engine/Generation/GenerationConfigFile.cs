using System.Text.Json;
using Understudy.Engine.Models;

namespace Understudy.Engine.Generation;

/// <summary>Reads a model's <c>generation_config.json</c> (its recommended sampling settings and EOS ids).</summary>
public static class GenerationConfigFile
{
    /// <summary>The file name in a model folder.</summary>
    public const string FileName = "generation_config.json";

    /// <summary>Returns <paramref name="defaults"/> overridden by the keys the file sets.</summary>
    public static GenerationOptions Apply(string path, GenerationOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        if (!File.Exists(path)) return defaults;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            JsonElement root = document.RootElement;
            var options = defaults;
            if (root.TryGetProperty("do_sample", out var doSample) && doSample.ValueKind is JsonValueKind.True or JsonValueKind.False)
                options = options with { DoSample = doSample.GetBoolean() };
            if (Number(root, "temperature") is double temperature) options = options with { Temperature = temperature };
            if (Number(root, "top_p") is double topP) options = options with { TopP = topP };
            if (Number(root, "top_k") is double topK) options = options with { TopK = (int)topK };
            if (Number(root, "min_p") is double minP) options = options with { MinP = minP };
            if (Number(root, "repetition_penalty") is double penalty) options = options with { RepetitionPenalty = penalty };
            if (Number(root, "max_new_tokens") is double maxNew) options = options with { MaxNewTokens = (int)maxNew };
            if (root.TryGetProperty("eos_token_id", out var eos))
            {
                var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(eos.GetRawText()));
                reader.Read();
                var ids = new TokenIdListConverter().Read(ref reader, typeof(IReadOnlyList<int>), JsonSerializerOptions.Default) ?? [];
                options = options with { EosTokenIds = options.EosTokenIds.Union(ids).ToArray() };
            }
            return options;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: cannot read generation config ({e.Message}).", e);
        }
    }

    private static double? Number(JsonElement root, string key) =>
        root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
