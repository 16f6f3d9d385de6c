using System.Text.Json;

namespace Understudy.Engine.Adapters;

/// <summary>Parses <c>adapter_config.json</c> and refuses the PEFT options that Understudy does not implement.</summary>
internal static class PeftAdapterConfigReader
{
    public static PeftAdapterConfig Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No {PeftAdapterConfig.FileName} at {path}: an adapter folder needs it (PEFT's save_pretrained writes it).", path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message}).", e);
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{path}: expected a JSON object.");
            string peftType = String(root, "peft_type", path) ?? throw Missing(path, "peft_type");
            if (!string.Equals(peftType, "LORA", StringComparison.OrdinalIgnoreCase))
                throw new NotSupportedException($"{path}: peft_type is '{peftType}'; only LORA adapters are supported.");
            RefuseUnsupported(root, path);
            var (list, pattern) = TargetModules(root, path);
            return new PeftAdapterConfig
            {
                PeftType = "LORA",
                TaskType = String(root, "task_type", path),
                R = root.TryGetProperty("r", out JsonElement r) && r.TryGetInt32(out int rank) && rank > 0
                    ? rank
                    : throw new InvalidDataException($"{path}: 'r' must be a positive integer."),
                LoraAlpha = Number(root, "lora_alpha", path) ?? 8,   // PEFT's default
                LoraDropout = Number(root, "lora_dropout", path) ?? 0,
                TargetModules = list,
                TargetModulesPattern = pattern,
                BaseModelNameOrPath = String(root, "base_model_name_or_path", path),
                Revision = String(root, "revision", path),
                UseRsLora = Bool(root, "use_rslora", path) ?? false,
                InferenceMode = Bool(root, "inference_mode", path) ?? true,
            };
        }
    }

    private static void RefuseUnsupported(JsonElement root, string path)
    {
        if (Bool(root, "use_dora", path) == true) throw Unsupported(path, "use_dora: true (DoRA)");
        if (Bool(root, "fan_in_fan_out", path) == true) throw Unsupported(path, "fan_in_fan_out: true (GPT-2 Conv1D layers)");
        string? bias = String(root, "bias", path);
        if (bias is not null && bias != "none") throw Unsupported(path, $"bias: '{bias}' (trained biases)");
        if (NonEmpty(root, "modules_to_save")) throw Unsupported(path, "modules_to_save (fully trained extra modules)");
        if (NonEmpty(root, "rank_pattern")) throw Unsupported(path, "rank_pattern (per-layer ranks)");
        if (NonEmpty(root, "alpha_pattern")) throw Unsupported(path, "alpha_pattern (per-layer alphas)");
        if (NonEmpty(root, "layers_to_transform")) throw Unsupported(path, "layers_to_transform");
        if (NonEmpty(root, "layer_replication")) throw Unsupported(path, "layer_replication");
    }

    private static (IReadOnlyList<string>? List, string? Pattern) TargetModules(JsonElement root, string path)
    {
        if (!root.TryGetProperty("target_modules", out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            throw Missing(path, "target_modules");
        if (value.ValueKind == JsonValueKind.String) return (null, value.GetString());
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            throw new InvalidDataException($"{path}: 'target_modules' must be a list of module names or a pattern string.");
        return (value.EnumerateArray().Select(e => e.GetString()!).ToList(), null);
    }

    private static bool NonEmpty(JsonElement root, string key) =>
        root.TryGetProperty(key, out JsonElement value) && value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.False => false,
            JsonValueKind.Object => value.EnumerateObject().Any(),
            JsonValueKind.Array => value.GetArrayLength() > 0,
            _ => true,
        };

    private static string? String(JsonElement root, string key, string path) =>
        !root.TryGetProperty(key, out JsonElement v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : throw new InvalidDataException($"{path}: '{key}' must be a string.");

    private static double? Number(JsonElement root, string key, string path) =>
        !root.TryGetProperty(key, out JsonElement v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.Number ? v.GetDouble()
        : throw new InvalidDataException($"{path}: '{key}' must be a number.");

    private static bool? Bool(JsonElement root, string key, string path) =>
        !root.TryGetProperty(key, out JsonElement v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean()
        : throw new InvalidDataException($"{path}: '{key}' must be true or false.");

    private static InvalidDataException Missing(string path, string key) => new($"{path}: the required key '{key}' is missing.");

    private static NotSupportedException Unsupported(string path, string what) =>
        new($"{path}: {what} is not supported by Understudy's LoRA loader; retrain or export the adapter without it.");
}
