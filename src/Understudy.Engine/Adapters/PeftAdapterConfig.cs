using System.Text.Json;
using System.Text.Json.Nodes;

namespace Understudy.Engine.Adapters;

/// <summary>
/// PEFT's <c>adapter_config.json</c> for a LoRA adapter. Written with every key PEFT's <c>LoraConfig</c> writes (sorted,
/// as <c>save_pretrained</c> does), read leniently for keys that do not change the computation and strictly for
/// those that would (DoRA, bias training, modules_to_save, per-layer patterns): those are refused with a clear error.
/// </summary>
public sealed record PeftAdapterConfig
{
    /// <summary>The file name.</summary>
    public const string FileName = "adapter_config.json";

    /// <summary><c>peft_type</c>; only <c>LORA</c> is supported.</summary>
    public string PeftType { get; init; } = "LORA";

    /// <summary><c>task_type</c>, <c>CAUSAL_LM</c> for decoder LMs.</summary>
    public string? TaskType { get; init; } = "CAUSAL_LM";

    /// <summary><c>r</c>.</summary>
    public required int R { get; init; }

    /// <summary><c>lora_alpha</c>.</summary>
    public required double LoraAlpha { get; init; }

    /// <summary><c>lora_dropout</c>.</summary>
    public double LoraDropout { get; init; }

    /// <summary><c>target_modules</c> in its list form (module-name suffixes), or null when given as a pattern.</summary>
    public IReadOnlyList<string>? TargetModules { get; init; }

    /// <summary><c>target_modules</c> in its string form: a regex over the full module path, or <c>all-linear</c>.</summary>
    public string? TargetModulesPattern { get; init; }

    /// <summary><c>base_model_name_or_path</c>.</summary>
    public string? BaseModelNameOrPath { get; init; }

    /// <summary><c>revision</c> of the base model.</summary>
    public string? Revision { get; init; }

    /// <summary><c>use_rslora</c>.</summary>
    public bool UseRsLora { get; init; }

    /// <summary><c>inference_mode</c>.</summary>
    public bool InferenceMode { get; init; } = true;

    /// <summary>The settings this config describes (for re-attaching and continuing training).</summary>
    public LoraSettings ToSettings() => new()
    {
        Rank = R,
        Alpha = LoraAlpha,
        Dropout = LoraDropout,
        TargetModules = TargetModules ?? [TargetModulesPattern ?? LoraSettings.AllLinear],
        UseRsLora = UseRsLora,
    };

    /// <summary>The config for <paramref name="settings"/>; <paramref name="targetNames"/> are the matched suffixes.</summary>
    public static PeftAdapterConfig From(LoraSettings settings, IReadOnlyList<string> targetNames, string? baseModelNameOrPath) => new()
    {
        R = settings.Rank,
        LoraAlpha = settings.Alpha,
        LoraDropout = settings.Dropout,
        TargetModules = targetNames,
        BaseModelNameOrPath = baseModelNameOrPath,
        UseRsLora = settings.UseRsLora,
    };

    /// <summary>Writes the JSON PEFT writes (keys sorted, two-space indent).</summary>
    public void Save(string path)
    {
        var json = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["alpha_pattern"] = new JsonObject(),
            ["auto_mapping"] = null,
            ["base_model_name_or_path"] = BaseModelNameOrPath,
            ["bias"] = "none",
            ["fan_in_fan_out"] = false,
            ["inference_mode"] = InferenceMode,
            ["init_lora_weights"] = true,
            ["layer_replication"] = null,
            ["layers_pattern"] = null,
            ["layers_to_transform"] = null,
            ["loftq_config"] = new JsonObject(),
            ["lora_alpha"] = LoraAlpha == Math.Floor(LoraAlpha) && Math.Abs(LoraAlpha) < 1e9 ? (JsonNode)(long)LoraAlpha : LoraAlpha,
            ["lora_dropout"] = LoraDropout,
            ["megatron_config"] = null,
            ["megatron_core"] = "megatron.core",
            ["modules_to_save"] = null,
            ["peft_type"] = PeftType,
            ["r"] = R,
            ["rank_pattern"] = new JsonObject(),
            ["revision"] = Revision,
            ["target_modules"] = TargetModules is not null ? new JsonArray(TargetModules.Select(t => (JsonNode?)t).ToArray()) : TargetModulesPattern,
            ["task_type"] = TaskType,
            ["use_dora"] = false,
            ["use_rslora"] = UseRsLora,
        };
        var root = new JsonObject(json.Select(kv => KeyValuePair.Create(kv.Key, kv.Value)));
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>Reads and checks an adapter_config.json, failing with the file and key at fault.</summary>
    public static PeftAdapterConfig Load(string path) => PeftAdapterConfigReader.Read(path);
}
