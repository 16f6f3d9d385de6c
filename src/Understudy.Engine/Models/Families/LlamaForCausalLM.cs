using Understudy.Engine.Models.Blocks;
using static TorchSharp.torch;

namespace Understudy.Engine.Models.Families;

/// <summary>
/// Llama 2/3/3.1/3.2, TinyLlama, SmolLM/SmolLM2 (<c>model_type: llama</c>): pre-norm layers with RMSNorm,
/// grouped-query attention with RoPE (optionally <c>llama3</c>-scaled), a SiLU-gated MLP, optional tied embeddings.
/// </summary>
public sealed class LlamaForCausalLM : CausalLanguageModel
{
    /// <summary>Builds the model (weights uninitialised) on <paramref name="device"/>.</summary>
    public LlamaForCausalLM(ModelConfig config, Device device, ScalarType dtype)
        : base(nameof(LlamaForCausalLM), config, CreateBody(config, device, dtype), device, dtype, config.TieWordEmbeddings ?? false)
    {
    }

    private static DecoderStack CreateBody(ModelConfig config, Device device, ScalarType dtype) =>
        new(config, layer => new PreNormDecoderLayer(
                new Attention(AttentionOptions.ForConfig(config), layer, device, dtype),
                new GatedMlp(config.HiddenSize, config.IntermediateSize, config.MlpBias,
                    MlpActivations.Parse(config.HiddenAct, MlpActivation.Silu), storedFused: false, device, dtype),
                new RmsNorm(config.HiddenSize, config.RmsNormEps, weightIsOffsetFromOne: false, device, dtype),
                new RmsNorm(config.HiddenSize, config.RmsNormEps, weightIsOffsetFromOne: false, device, dtype)),
            normWeightIsOffsetFromOne: false, embeddingScale: null, device, dtype);
}
