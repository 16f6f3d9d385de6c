using Understudy.Engine.Models;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Support;

/// <summary>
/// A deliberately plain float64 re-implementation of a Llama-style forward pass for one sequence, straight from the
/// formulas: RoPE as explicit pair rotations, attention head by head as softmax(QKᵀ/√d + causal)V.
/// </summary>
public static class ReferenceDecoder
{
    public static Tensor Logits(ModelConfig config, IReadOnlyDictionary<string, Tensor> weights, long[] ids)
    {
        using var scope = NewDisposeScope();
        Tensor W(string name) => weights[name].to_type(ScalarType.Float64);
        int heads = config.NumAttentionHeads, kvHeads = config.ResolvedKeyValueHeads, d = config.ResolvedHeadDim;
        int steps = ids.Length;
        Tensor x = W("model.embed_tokens.weight").index_select(0, tensor(ids));                 // [T, hidden]
        for (int l = 0; l < config.NumHiddenLayers; l++)
        {
            string p = $"model.layers.{l}.";
            Tensor h = Rms(x, W(p + "input_layernorm.weight"), config.RmsNormEps);
            Tensor q = Project(h, weights, p + "self_attn.q_proj").view(steps, heads, d);
            Tensor k = Project(h, weights, p + "self_attn.k_proj").view(steps, kvHeads, d);
            Tensor v = Project(h, weights, p + "self_attn.v_proj").view(steps, kvHeads, d);
            q = Rope(q, config.RopeTheta);
            k = Rope(k, config.RopeTheta);
            var headOutputs = new List<Tensor>();
            for (int hd = 0; hd < heads; hd++)
            {
                int kv = hd / (heads / kvHeads);
                Tensor qh = q.select(1, hd), kh = k.select(1, kv), vh = v.select(1, kv);       // [T, d]
                Tensor scores = qh.matmul(kh.t()) / Math.Sqrt(d);                                // [T, T]
                Tensor future = ones(steps, steps, ScalarType.Bool).triu(1);
                scores = scores.masked_fill(future, double.NegativeInfinity);
                headOutputs.Add(scores.softmax(-1).matmul(vh));
            }
            x = x + Project(cat(headOutputs, 1), weights, p + "self_attn.o_proj");
            Tensor h2 = Rms(x, W(p + "post_attention_layernorm.weight"), config.RmsNormEps);
            Tensor gate = Project(h2, weights, p + "mlp.gate_proj");
            Tensor up = Project(h2, weights, p + "mlp.up_proj");
            x = x + Project(gate * gate.sigmoid() * up, weights, p + "mlp.down_proj");
        }
        x = Rms(x, W("model.norm.weight"), config.RmsNormEps);
        Tensor head = config.TieWordEmbeddings ? W("model.embed_tokens.weight") : W("lm_head.weight");
        return x.matmul(head.t()).MoveToOuterDisposeScope();
    }

    private static Tensor Project(Tensor x, IReadOnlyDictionary<string, Tensor> weights, string name)
    {
        Tensor y = x.matmul(weights[name + ".weight"].to_type(ScalarType.Float64).t());
        return weights.TryGetValue(name + ".bias", out Tensor? bias) ? y + bias.to_type(ScalarType.Float64) : y;
    }

    private static Tensor Rms(Tensor x, Tensor weight, double eps) =>
        x / (x.square().mean([-1], keepdim: true) + eps).sqrt() * weight;

    /// <summary>Rotates channel pairs (i, i + d/2) of position t by t·θ^(-2i/d).</summary>
    public static Tensor Rope(Tensor x, double theta)
    {
        long steps = x.shape[0], d = x.shape[2], half = d / 2;
        var cos = new double[steps, half];
        var sin = new double[steps, half];
        for (int t = 0; t < steps; t++)
            for (int i = 0; i < half; i++)
            {
                double angle = t * Math.Pow(theta, -2.0 * i / d);
                (cos[t, i], sin[t, i]) = (Math.Cos(angle), Math.Sin(angle));
            }
        Tensor c = tensor(cos).unsqueeze(1), s = tensor(sin).unsqueeze(1);
        Tensor a = x.narrow(2, 0, half), b = x.narrow(2, half, half);
        return cat([a * c - b * s, b * c + a * s], 2);
    }
}
