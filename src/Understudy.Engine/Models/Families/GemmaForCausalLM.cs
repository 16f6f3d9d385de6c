using Understudy.Engine.Models.Blocks;
using static TorchSharp.torch;

namespace Understudy.Engine.Models.Families;

/// <summary>
/// Gemma (<c>model_type: gemma</c>): pre-norm layers whose RMS norms scale by <c>(1 + weight)</c>, a GELU-tanh gated
/// MLP, embeddings multiplied by √hidden_size, and an LM head tied to the embeddings.
/// </summary>
public sealed class GemmaForCausalLM : CausalLanguageModel
{
    /// <summary>Builds the model (weights uninitialised) on <paramref name="device"/>.</summary>
    public GemmaForCausalLM(ModelConfig config, Device device, ScalarType dtype)
        : base(nameof(GemmaForCausalLM), config, CreateBody(config, device, dtype), device, dtype, config.TieWordEmbeddings ?? true)
    {
    }

    private static DecoderStack CreateBody(ModelConfig config, Device device, ScalarType dtype)
    {
        var attention = AttentionOptions.ForConfig(config);
        // transformers ignores hidden_act for Gemma and uses GELU-tanh unless hidden_activation says otherwise.
        var activation = MlpActivations.Parse(config.HiddenActivation, MlpActivation.GeluTanh);
        return new DecoderStack(config, layer => new PreNormDecoderLayer(
                new Attention(attention, layer, device, dtype),
                new GatedMlp(config.HiddenSize, config.IntermediateSize, bias: false, activation, storedFused: false, device, dtype),
                new RmsNorm(config.HiddenSize, config.RmsNormEps, weightIsOffsetFromOne: true, device, dtype),
                new RmsNorm(config.HiddenSize, config.RmsNormEps, weightIsOffsetFromOne: true, device, dtype)),
            normWeightIsOffsetFromOne: true, embeddingScale: Math.Sqrt(config.HiddenSize), device, dtype);
    }
}
