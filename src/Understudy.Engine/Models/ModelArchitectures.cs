using Understudy.Engine.Models.Families;
using static TorchSharp.torch;

namespace Understudy.Engine.Models;

/// <summary>Maps config.json's <c>model_type</c> to the family that implements it.</summary>
public static class ModelArchitectures
{
    private static readonly Dictionary<string, Func<ModelConfig, Device, ScalarType, CausalLanguageModel>> Families = new()
    {
        ["llama"] = (c, d, t) => new LlamaForCausalLM(c, d, t),
        ["qwen2"] = (c, d, t) => new Qwen2ForCausalLM(c, d, t),
        ["qwen3"] = (c, d, t) => new Qwen3ForCausalLM(c, d, t),
        ["mistral"] = (c, d, t) => new MistralForCausalLM(c, d, t),
        ["gemma"] = (c, d, t) => new GemmaForCausalLM(c, d, t),
        ["gemma2"] = (c, d, t) => new Gemma2ForCausalLM(c, d, t),
        ["phi3"] = (c, d, t) => new Phi3ForCausalLM(c, d, t),
    };

    /// <summary>The supported <c>model_type</c> values.</summary>
    public static IReadOnlyCollection<string> Supported => Families.Keys;

    /// <summary>Builds the model for <paramref name="config"/> with uninitialised weights (use the meta device to build none).</summary>
    public static CausalLanguageModel Create(ModelConfig config, Device device, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!Families.TryGetValue(config.ModelType, out var create))
            throw new NotSupportedException(
                $"config.json: model_type '{config.ModelType}' is not supported (supported: {string.Join(", ", Families.Keys)}).");
        return create(config, device, dtype);
    }
}
