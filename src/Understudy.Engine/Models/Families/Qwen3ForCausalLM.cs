using Understudy.Engine.Models.Blocks;
using static TorchSharp.torch;

namespace Understudy.Engine.Models.Families;

/// <summary>
/// Qwen3 (<c>model_type: qwen3</c>): the Llama layout with an explicit <c>head_dim</c>, no q/k/v bias by default, and
/// an RMS norm over each head of q and k (<c>q_norm</c>, <c>k_norm</c>) before RoPE.
/// </summary>
public sealed class Qwen3ForCausalLM : CausalLanguageModel
{
    /// <summary>Builds the model (weights uninitialised) on <paramref name="device"/>.</summary>
    public Qwen3ForCausalLM(ModelConfig config, Device device, ScalarType dtype)
        : base(nameof(Qwen3ForCausalLM), config, CreateBody(config, device, dtype), device, dtype, config.TieWordEmbeddings ?? false)
    {
    }

    private static DecoderStack CreateBody(ModelConfig config, Device device, ScalarType dtype)
    {
        if (config.UseSlidingWindow == true)
            throw new NotSupportedException("config.json: Qwen3 with use_sliding_window=true is not supported.");
        var attention = AttentionOptions.ForConfig(config) with { QkNormEps = config.RmsNormEps };
        return new DecoderStack(config, layer => new PreNormDecoderLayer(
                new Attention(attention, layer, device, dtype),
                new GatedMlp(config.HiddenSize, config.IntermediateSize, bias: false,
                    MlpActivations.Parse(config.HiddenAct, MlpActivation.Silu), storedFused: false, device, dtype),
                new RmsNorm(config.HiddenSize, config.RmsNormEps, weightIsOffsetFromOne: false, device, dtype),
                new RmsNorm(config.HiddenSize, config.RmsNormEps, weightIsOffsetFromOne: false, device, dtype)),
            normWeightIsOffsetFromOne: false, embeddingScale: null, device, dtype);
    }
}
