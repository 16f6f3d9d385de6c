using Understudy.Engine.Models.Blocks;
using static TorchSharp.torch;

namespace Understudy.Engine.Models.Families;

/// <summary>
/// Mistral (<c>model_type: mistral</c>): the Llama layout with grouped-query attention and, when
/// <c>sliding_window</c> is set (v0.1), attention limited to the last <c>sliding_window</c> positions in every layer.
/// </summary>
public sealed class MistralForCausalLM : CausalLanguageModel
{
    /// <summary>Builds the model (weights uninitialised) on <paramref name="device"/>.</summary>
    public MistralForCausalLM(ModelConfig config, Device device, ScalarType dtype)
        : base(nameof(MistralForCausalLM), config, CreateBody(config, device, dtype), device, dtype, config.TieWordEmbeddings ?? false)
    {
    }

    private static DecoderStack CreateBody(ModelConfig config, Device device, ScalarType dtype)
    {
        var attention = AttentionOptions.ForConfig(config) with { QkvBias = false, OutputBias = false, SlidingWindow = config.SlidingWindow };
        return new DecoderStack(config, layer => new PreNormDecoderLayer(
                new Attention(attention, layer, device, dtype),
                new GatedMlp(config.HiddenSize, config.IntermediateSize, bias: false,
                    MlpActivations.Parse(config.HiddenAct, MlpActivation.Silu), storedFused: false, device, dtype),
                new RmsNorm(config.HiddenSize, config.RmsNormEps, weightIsOffsetFromOne: false, device, dtype),
                new RmsNorm(config.HiddenSize, config.RmsNormEps, weightIsOffsetFromOne: false, device, dtype)),
            normWeightIsOffsetFromOne: false, embeddingScale: null, device, dtype);
    }
}
