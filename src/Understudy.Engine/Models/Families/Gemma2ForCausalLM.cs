using Understudy.Engine.Models.Blocks;
using static TorchSharp.torch;

namespace Understudy.Engine.Models.Families;

/// <summary>
/// Gemma 2 (<c>model_type: gemma2</c>): Gemma's norms, GELU-tanh MLP and scaled tied embeddings, plus sandwich norms
/// (<see cref="Gemma2DecoderLayer"/>), attention scores scaled by 1/√query_pre_attn_scalar and soft-capped,
/// a sliding window on even layers, and soft-capped final logits.
/// </summary>
public sealed class Gemma2ForCausalLM : CausalLanguageModel
{
    /// <summary>Builds the model (weights uninitialised) on <paramref name="device"/>.</summary>
    public Gemma2ForCausalLM(ModelConfig config, Device device, ScalarType dtype)
        : base(nameof(Gemma2ForCausalLM), config,
            new DecoderStack(config, layer => new Gemma2DecoderLayer(config, layer, device, dtype),
                normWeightIsOffsetFromOne: true, embeddingScale: Math.Sqrt(config.HiddenSize), device, dtype),
            device, dtype, config.TieWordEmbeddings ?? true, config.FinalLogitSoftcapping)
    {
    }
}
