using Understudy.Engine.Models.Blocks;
using static TorchSharp.torch;

namespace Understudy.Engine.Models.Families;

/// <summary>
/// Phi-3 (<c>model_type: phi3</c>): the Llama layout with q/k/v stored as one <c>qkv_proj</c> and gate/up as one
/// <c>gate_up_proj</c>, and a sliding window when configured. <c>longrope</c> scaling (128k variants) is not supported.
/// </summary>
public sealed class Phi3ForCausalLM : CausalLanguageModel
{
    /// <summary>Builds the model (weights uninitialised) on <paramref name="device"/>.</summary>
    public Phi3ForCausalLM(ModelConfig config, Device device, ScalarType dtype)
        : base(nameof(Phi3ForCausalLM), config, CreateBody(config, device, dtype), device, dtype, config.TieWordEmbeddings ?? false)
    {
    }

    private static DecoderStack CreateBody(ModelConfig config, Device device, ScalarType dtype)
    {
        var attention = AttentionOptions.ForConfig(config) with
        {
            StoredFused = true,
            QkvBias = false,
            OutputBias = false,
            SlidingWindow = config.SlidingWindow,
        };
        return new DecoderStack(config, layer => new PreNormDecoderLayer(
                new Attention(attention, layer, device, dtype),
                new GatedMlp(config.HiddenSize, config.IntermediateSize, bias: false,
                    MlpActivations.Parse(config.HiddenAct, MlpActivation.Silu), storedFused: true, device, dtype),
                new RmsNorm(config.HiddenSize, config.RmsNormEps, weightIsOffsetFromOne: false, device, dtype),
                new RmsNorm(config.HiddenSize, config.RmsNormEps, weightIsOffsetFromOne: false, device, dtype)),
            normWeightIsOffsetFromOne: false, embeddingScale: null, device, dtype);
    }
}
