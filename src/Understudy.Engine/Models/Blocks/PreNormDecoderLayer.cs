using static TorchSharp.torch;

namespace Understudy.Engine.Models.Blocks;

/// <summary>
/// The pre-norm transformer layer of Llama, Qwen, Mistral and Phi-3:
/// <c>h = x + self_attn(input_layernorm(x)); out = h + mlp(post_attention_layernorm(h))</c>.
/// </summary>
public sealed class PreNormDecoderLayer : nn.Module<Tensor, AttentionContext, Tensor>
{
    private readonly Attention self_attn;
    private readonly GatedMlp mlp;
    private readonly RmsNorm input_layernorm;
    private readonly RmsNorm post_attention_layernorm;

    /// <summary>Assembles the layer from its blocks.</summary>
    public PreNormDecoderLayer(Attention attention, GatedMlp mlp, RmsNorm inputNorm, RmsNorm postAttentionNorm)
        : base(nameof(PreNormDecoderLayer))
    {
        self_attn = attention;
        this.mlp = mlp;
        input_layernorm = inputNorm;
        post_attention_layernorm = postAttentionNorm;
        RegisterComponents();
    }

    /// <summary>x [B, T, hidden] → [B, T, hidden]. A decode step runs as one fused kernel where it can (<see cref="FusedDecodeStep"/>).</summary>
    public override Tensor forward(Tensor x, AttentionContext context)
    {
        if (FusedDecodeStep.TryForward(self_attn, mlp, input_layernorm, post_attention_layernorm, x, context) is { } decoded) return decoded;
        using var scope = NewDisposeScope();
        Tensor h = self_attn.call(input_layernorm.call(x), context).add_(x);
        Tensor output = mlp.call(post_attention_layernorm.call(h)).add_(h);
        return output.MoveToOuterDisposeScope();
    }
}
