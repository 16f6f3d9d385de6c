using static TorchSharp.torch;

namespace Understudy.Engine.Models;

/// <summary>How to load a model: the compute dtype (<c>torch_dtype</c>) and device.</summary>
public sealed record ModelLoadOptions
{
    /// <summary>float32, bfloat16, float16, or auto (the checkpoint's own torch_dtype). Default float32.</summary>
    public string TorchDtype { get; init; } = "float32";

    /// <summary>The device; CPU by default.</summary>
    public Device? Device { get; init; }

    /// <summary>
    /// Attention for multi-token passes, as transformers' <c>attn_implementation</c>: <c>sdpa</c> (default) or
    /// <c>eager</c>. Decode steps use the engine's own kernel either way.
    /// </summary>
    public string AttnImplementation { get; init; } = AttentionImplementations.Sdpa;

    /// <summary>Resolves <see cref="TorchDtype"/> against the config's saved dtype.</summary>
    public ScalarType ResolveDType(ModelConfig config) => ParseDType(
        TorchDtype == "auto" ? config.TorchDtype ?? "float32" : TorchDtype);

    /// <summary>Parses a torch_dtype name.</summary>
    public static ScalarType ParseDType(string name) => name.ToLowerInvariant() switch
    {
        "float32" or "float" or "fp32" or "f32" => ScalarType.Float32,
        "bfloat16" or "bf16" => ScalarType.BFloat16,
        "float16" or "half" or "fp16" or "f16" => ScalarType.Float16,
        _ => throw new ArgumentException($"torch_dtype '{name}' is not supported (use float32, bfloat16, float16 or auto).", nameof(name)),
    };
}
