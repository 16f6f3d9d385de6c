using Understudy.Engine.Models;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Support;

/// <summary>
/// A deliberately plain float64 re-implementation of the supported families' forward pass for one sequence, straight
/// from the formulas: RoPE as explicit pair rotations, attention head by head as softmax(QKᵀ·scale + mask)V, with
/// the family switches spelled out (Qwen3 q/k norm, Gemma (1 + w) norms, GELU-tanh and √hidden embedding scale,
/// Gemma 2 sandwich norms, soft-capping and alternating sliding windows, Mistral/Phi-3 windows, Phi-3 fused weights).
/// </summary>
public static class ReferenceDecoder
{
    public static Tensor Logits(ModelConfig config, IReadOnlyDictionary<string, Tensor> weights, long[] ids)
    {
        using var scope = NewDisposeScope();
        string family = config.ModelType;
        bool gemma = family is "gemma" or "gemma2";
        Tensor W(string name) => weights[name].to_type(ScalarType.Float64);
        Tensor Norm(Tensor x, string name) => Rms(x, gemma ? W(name) + 1 : W(name), config.RmsNormEps);
        int heads = config.NumAttentionHeads, kvHeads = config.ResolvedKeyValueHeads, d = config.ResolvedHeadDim;
        int steps = ids.Length;
        double scale = family == "gemma2" ? 1 / Math.Sqrt(config.QueryPreAttnScalar ?? d) : 1 / Math.Sqrt(d);

        Tensor x = W("model.embed_tokens.weight").index_select(0, tensor(ids));                 // [T, hidden]
        if (gemma) x = x * Math.Sqrt(config.HiddenSize);
        for (int l = 0; l < config.NumHiddenLayers; l++)
        {
            string p = $"model.layers.{l}.";
            Tensor h = Norm(x, p + "input_layernorm.weight");
            Tensor q, k, v;
            if (family == "phi3")
            {
                Tensor qkv = h.matmul(W(p + "self_attn.qkv_proj.weight").t());
                (q, k, v) = (qkv.narrow(1, 0, heads * d), qkv.narrow(1, heads * d, kvHeads * d), qkv.narrow(1, (heads + kvHeads) * d, kvHeads * d));
            }
            else
            {
                (q, k, v) = (Project(h, weights, p + "self_attn.q_proj"), Project(h, weights, p + "self_attn.k_proj"), Project(h, weights, p + "self_attn.v_proj"));
            }
            q = q.reshape(steps, heads, d);
            k = k.reshape(steps, kvHeads, d);
            v = v.reshape(steps, kvHeads, d);
            if (family == "qwen3")
            {
                q = Rms(q, W(p + "self_attn.q_norm.weight"), config.RmsNormEps);
                k = Rms(k, W(p + "self_attn.k_norm.weight"), config.RmsNormEps);
            }
            q = Rope(q, config.RopeTheta);
            k = Rope(k, config.RopeTheta);
            int? window = family switch
            {
                "mistral" or "phi3" => config.SlidingWindow,
                "gemma2" => l % 2 == 0 ? config.SlidingWindow : null,
                _ => null,
            };
            var headOutputs = new List<Tensor>();
            for (int hd = 0; hd < heads; hd++)
            {
                int kv = hd / (heads / kvHeads);
                Tensor qh = q.select(1, hd), kh = k.select(1, kv), vh = v.select(1, kv);       // [T, d]
                Tensor scores = qh.matmul(kh.t()) * scale;                                       // [T, T]
                if (family == "gemma2" && config.AttnLogitSoftcapping is double cap) scores = (scores / cap).tanh() * cap;
                var blocked = new bool[steps, steps];
                for (int t = 0; t < steps; t++)
                    for (int s = 0; s < steps; s++)
                        blocked[t, s] = s > t || (window is int w && t - s >= w);
                scores = scores.masked_fill(tensor(blocked), double.NegativeInfinity);
                headOutputs.Add(scores.softmax(-1).matmul(vh));
            }
            Tensor attention = Project(cat(headOutputs, 1), weights, p + "self_attn.o_proj");
            if (family == "gemma2") attention = Norm(attention, p + "post_attention_layernorm.weight");
            x = x + attention;

            Tensor h2 = Norm(x, family == "gemma2" ? p + "pre_feedforward_layernorm.weight" : p + "post_attention_layernorm.weight");
            Tensor gate, up;
            if (family == "phi3")
            {
                Tensor both = h2.matmul(W(p + "mlp.gate_up_proj.weight").t());
                (gate, up) = (both.narrow(1, 0, config.IntermediateSize), both.narrow(1, config.IntermediateSize, config.IntermediateSize));
            }
            else
            {
                (gate, up) = (Project(h2, weights, p + "mlp.gate_proj"), Project(h2, weights, p + "mlp.up_proj"));
            }
            Tensor activated = gemma ? GeluTanh(gate) : gate * gate.sigmoid();
            Tensor mlp = Project(activated * up, weights, p + "mlp.down_proj");
            if (family == "gemma2") mlp = Norm(mlp, p + "post_feedforward_layernorm.weight");
            x = x + mlp;
        }
        x = Norm(x, "model.norm.weight");
        Tensor head = weights.ContainsKey("lm_head.weight") ? W("lm_head.weight") : W("model.embed_tokens.weight");
        Tensor logits = x.matmul(head.t());
        if (family == "gemma2" && config.FinalLogitSoftcapping is double finalCap) logits = (logits / finalCap).tanh() * finalCap;
        return logits.MoveToOuterDisposeScope();
    }

    private static Tensor GeluTanh(Tensor x) =>
        0.5 * x * (1 + (Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x.pow(3))).tanh());

    private static Tensor Project(Tensor x, IReadOnlyDictionary<string, Tensor> weights, string name)
    {
        Tensor y = x.matmul(weights[name + ".weight"].to_type(ScalarType.Float64).t());
        return weights.TryGetValue(name + ".bias", out Tensor? bias) ? y + bias.to_type(ScalarType.Float64) : y;
    }

    private static Tensor Rms(Tensor x, Tensor weight, double eps) =>
        x / (x.square().mean([-1], keepdim: true) + eps).sqrt() * weight;

    /// <summary>Rotates channel pairs (i, i + d/2) of position t by t·θ^(-2i/d); x is [T, heads, d].</summary>
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
