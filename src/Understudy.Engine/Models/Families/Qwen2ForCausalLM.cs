using Understudy.Engine.Models.Blocks;
using static TorchSharp.torch;

namespace Understudy.Engine.Models.Families;

/// <summary>
/// Qwen2 / Qwen2.5 (<c>model_type: qwen2</c>): the Llama layout with biases on the q, k and v projections
/// (not on o_proj). Smaller sizes tie the embeddings.
/// </summary>
public sealed class Qwen2ForCausalLM : CausalLanguageModel
{
    /// <summary>Builds the model (weights uninitialised) on <paramref name="device"/>.</summary>
    public Qwen2ForCausalLM(ModelConfig config, Device device, ScalarType dtype)
        : base(nameof(Qwen2ForCausalLM), config, CreateBody(config, device, dtype), device, dtype, config.TieWordEmbeddings ?? false)
    {
    }

    private static DecoderStack CreateBody(ModelConfig config, Device device, ScalarType dtype)
    {
        if (config.UseSlidingWindow == true)
            throw new NotSupportedException("config.json: Qwen2 with use_sliding_window=true is not supported (published Qwen2/2.5 checkpoints leave it off).");
        var attention = AttentionOptions.ForConfig(config) with { QkvBias = true, OutputBias = false };
        return new DecoderStack(config, layer => new PreNormDecoderLayer(
                new Attention(attention, layer, device, dtype),
                new GatedMlp(config.HiddenSize, config.IntermediateSize, bias: false,
                    MlpActivations.Parse(config.HiddenAct, MlpActivation.Silu), storedFused: false, device, dtype),
                new RmsNorm(config.HiddenSize, config.RmsNormEps, weightIsOffsetFromOne: false, device, dtype),
                new RmsNorm(config.HiddenSize, config.RmsNormEps, weightIsOffsetFromOne: false, device, dtype)),
            normWeightIsOffsetFromOne: false, embeddingScale: null, device, dtype);
    }
}
