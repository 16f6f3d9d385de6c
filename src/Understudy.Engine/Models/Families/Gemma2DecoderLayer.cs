using Understudy.Engine.Models.Blocks;
using static TorchSharp.torch;

namespace Understudy.Engine.Models.Families;

/// <summary>
/// Gemma 2's "sandwich" layer: each sub-block's output is normalised again before the residual add:
/// <c>h = x + post_attention_layernorm(self_attn(input_layernorm(x)));
/// out = h + post_feedforward_layernorm(mlp(pre_feedforward_layernorm(h)))</c>.
/// </summary>
public sealed class Gemma2DecoderLayer : nn.Module<Tensor, AttentionContext, Tensor>
{
    private readonly Attention self_attn;
    private readonly GatedMlp mlp;
    private readonly RmsNorm input_layernorm;
    private readonly RmsNorm post_attention_layernorm;
    private readonly RmsNorm pre_feedforward_layernorm;
    private readonly RmsNorm post_feedforward_layernorm;

    /// <summary>Builds layer <paramref name="layerIndex"/> (even layers use the sliding window).</summary>
    public Gemma2DecoderLayer(ModelConfig config, int layerIndex, Device device, ScalarType dtype) : base(nameof(Gemma2DecoderLayer))
    {
        var attention = AttentionOptions.ForConfig(config) with
        {
            Scale = 1.0 / Math.Sqrt(config.QueryPreAttnScalar ?? config.ResolvedHeadDim),
            LogitSoftcap = config.AttnLogitSoftcapping,
            SlidingWindow = layerIndex % 2 == 0 ? config.SlidingWindow : null,
        };
        self_attn = new Attention(attention, layerIndex, device, dtype);
        mlp = new GatedMlp(config.HiddenSize, config.IntermediateSize, bias: false,
            MlpActivations.Parse(config.HiddenActivation, MlpActivation.GeluTanh), storedFused: false, device, dtype);
        RmsNorm Norm() => new(config.HiddenSize, config.RmsNormEps, weightIsOffsetFromOne: true, device, dtype);
        input_layernorm = Norm();
        post_attention_layernorm = Norm();
        pre_feedforward_layernorm = Norm();
        post_feedforward_layernorm = Norm();
        RegisterComponents();
    }

    /// <summary>x [B, T, hidden] → [B, T, hidden].</summary>
    public override Tensor forward(Tensor x, AttentionContext context)
    {
        using var scope = NewDisposeScope();
        Tensor h = post_attention_layernorm.call(self_attn.call(input_layernorm.call(x), context)).add_(x);
        Tensor output = post_feedforward_layernorm.call(mlp.call(pre_feedforward_layernorm.call(h))).add_(h);
        return output.MoveToOuterDisposeScope();
    }
}
