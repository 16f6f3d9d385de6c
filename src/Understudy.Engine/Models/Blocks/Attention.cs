using TorchSharp.Modules;
using Understudy.Engine.Kernels;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Understudy.Engine.Models.Blocks;

/// <summary>
/// Multi-head attention with grouped key/value heads, RoPE and an optional KV cache. Field names match the
/// checkpoints (<c>q_proj</c>, <c>k_proj</c>, <c>v_proj</c>, <c>o_proj</c>, or Phi-3's <c>qkv_proj</c>;
/// Qwen3's <c>q_norm</c>/<c>k_norm</c>). At inference q/k/v run as one fused matrix multiply.
/// </summary>
public sealed class Attention : nn.Module<Tensor, AttentionContext, Tensor>, IProjectionHost
{
    private nn.Module<Tensor, Tensor>? q_proj;
    private nn.Module<Tensor, Tensor>? k_proj;
    private nn.Module<Tensor, Tensor>? v_proj;
    private nn.Module<Tensor, Tensor>? qkv_proj;
    private nn.Module<Tensor, Tensor> o_proj;
    private readonly RmsNorm? q_norm;
    private readonly RmsNorm? k_norm;
    private FusedProjection? _fused;
    private readonly AttentionOptions _options;
    private readonly int _layerIndex;
    private readonly double _scale;

    /// <summary>Creates the layer's projections (uninitialised) on <paramref name="device"/>.</summary>
    public Attention(AttentionOptions options, int layerIndex, Device device, ScalarType dtype) : base(nameof(Attention))
    {
        _options = options;
        _layerIndex = layerIndex;
        _scale = options.Scale ?? 1.0 / Math.Sqrt(options.HeadDim);
        long qOut = (long)options.NumHeads * options.HeadDim, kvOut = (long)options.NumKeyValueHeads * options.HeadDim;
        if (options.StoredFused)
        {
            qkv_proj = Projection.Create(options.HiddenSize, qOut + 2 * kvOut, options.QkvBias, device, dtype);
        }
        else
        {
            _fused = FusedProjection.Create(options.HiddenSize, [qOut, kvOut, kvOut], options.QkvBias, device, dtype);
            (q_proj, k_proj, v_proj) = (_fused.Parts[0], _fused.Parts[1], _fused.Parts[2]);
        }
        o_proj = Projection.Create(qOut, options.HiddenSize, options.OutputBias, device, dtype);
        if (options.QkNormEps is double eps)
        {
            q_norm = new RmsNorm(options.HeadDim, eps, weightIsOffsetFromOne: false, device, dtype);
            k_norm = new RmsNorm(options.HeadDim, eps, weightIsOffsetFromOne: false, device, dtype);
        }
        RegisterComponents();
        ProjectionNames = qkv_proj is not null ? ["qkv_proj", "o_proj"] : ["q_proj", "k_proj", "v_proj", "o_proj"];
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ProjectionNames { get; }

    /// <inheritdoc />
    public nn.Module<Tensor, Tensor> GetProjection(string name) => name switch
    {
        "q_proj" when q_proj is not null => q_proj,
        "k_proj" when k_proj is not null => k_proj,
        "v_proj" when v_proj is not null => v_proj,
        "qkv_proj" when qkv_proj is not null => qkv_proj,
        "o_proj" => o_proj,
        _ => throw new ArgumentException($"This attention block has no projection '{name}' (it has {string.Join(", ", ProjectionNames)}).", nameof(name)),
    };

    /// <inheritdoc />
    public void SetProjection(string name, nn.Module<Tensor, Tensor> layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        _ = GetProjection(name);
        switch (name)
        {
            case "q_proj": q_proj = layer; break;
            case "k_proj": k_proj = layer; break;
            case "v_proj": v_proj = layer; break;
            case "qkv_proj": qkv_proj = layer; break;
            default: o_proj = layer; break;
        }
        register_module(name, null!);
        register_module(name, layer);
    }

    /// <inheritdoc />
    public void ReleaseFusedWeights()
    {
        _fused?.Dispose();
        _fused = null;
    }

    /// <summary>Shape and variant switches.</summary>
    internal AttentionOptions Options => _options;

    /// <summary>The layer's index in the stack (its KV cache layer).</summary>
    internal int LayerIndex => _layerIndex;

    /// <summary>The score scale.</summary>
    internal double ScoreScale => _scale;

    /// <summary>Qwen3's per-head norms, or null.</summary>
    internal (RmsNorm Query, RmsNorm Key)? HeadNorms => q_norm is null || k_norm is null ? null : (q_norm, k_norm);

    /// <summary>
    /// The q/k/v weight as one [q + 2·kv, hidden] tensor and its bias when inference may read it directly (the stored
    /// or fused weight of plain linear layers, no gradient recorded), else null.
    /// </summary>
    internal (Tensor Weight, Tensor? Bias)? InferenceQkv()
    {
        if (qkv_proj is not null) return qkv_proj is Linear { weight: { } weight } linear && !is_grad_enabled() ? (weight, linear.bias) : null;
        return _fused is not null && _fused.CanServe(q_proj, k_proj, v_proj) ? (_fused.Weight, _fused.Bias) : null;
    }

    /// <summary>o_proj when it is a plain linear layer (not an adapter or quantized module), else null.</summary>
    internal Linear? PlainOutputProjection => o_proj as Linear;

    /// <summary>x [B, T, hidden] → [B, T, hidden].</summary>
    public override Tensor forward(Tensor x, AttentionContext context)
    {
        using var scope = NewDisposeScope();
        long batch = x.shape[0], steps = x.shape[1];
        int heads = _options.NumHeads, kvHeads = _options.NumKeyValueHeads, headDim = _options.HeadDim;
        int groups = heads / kvHeads;

        Tensor qkv = ProjectQkv(x).view(batch, steps, heads + 2 * kvHeads, headDim);   // [B, T, H + 2K, D]
        Tensor values = qkv.narrow(2, heads + kvHeads, kvHeads);                        // [B, T, K, D]
        Tensor queries, keys;
        if (q_norm is null || k_norm is null)
        {
            // Rotate q and k heads together: one set of element-wise ops for both.
            Tensor rotated = RotaryEmbedding.Apply(qkv.narrow(2, 0, heads + kvHeads), context.Cos, context.SinSigned);
            (queries, keys) = (rotated.narrow(2, 0, heads), rotated.narrow(2, heads, kvHeads));
        }
        else
        {
            queries = RotaryEmbedding.Apply(q_norm.call(qkv.narrow(2, 0, heads)), context.Cos, context.SinSigned);
            keys = RotaryEmbedding.Apply(k_norm.call(qkv.narrow(2, heads, kvHeads)), context.Cos, context.SinSigned);
        }

        Tensor allKeys, allValues;                                                       // [B, K, L, D]
        if (context.Cache is { } cache)
            (allKeys, allValues) = cache.Append(_layerIndex, context.CacheOffset, keys, values);
        else
            (allKeys, allValues) = (keys.transpose(1, 2), values.transpose(1, 2));
        long length = allKeys.shape[2];
        Tensor? blocked = _options.SlidingWindow is int window && context.BlockedForWindow is { } forWindow
            ? forWindow(window)
            : context.Blocked;
        if (steps == 1 && DecodeAttention.TryAttend(queries, allKeys, allValues, blocked, _scale, _options.LogitSoftcap) is { } single)
            return Projection.Forward(o_proj, single).MoveToOuterDisposeScope();

        if (_options.LogitSoftcap is null && _options.FusedAttention)
            return Projection.Forward(o_proj, FusedAttention(queries, allKeys, allValues, blocked, groups)).MoveToOuterDisposeScope();

        // Soft-capped scores (Gemma 2) need the explicit form (also attn_implementation: eager). Group the query heads that share a key/value head:
        // [B, K, G·T, D], no key/value copies.
        Tensor grouped = queries.reshape(batch, steps, kvHeads, groups, headDim).permute(0, 2, 3, 1, 4)
            .reshape(batch, kvHeads, groups * steps, headDim);
        Tensor scores = matmul(grouped, allKeys.transpose(-1, -2)).mul_(_scale);          // [B, K, G·T, L]
        if (_options.LogitSoftcap is double cap) scores = scores.div_(cap).tanh_().mul_(cap);
        if (blocked is not null)
            scores.view(batch, kvHeads, groups, steps, length).masked_fill_(blocked, MaskValue(scores.dtype));
        Tensor probabilities = scores.dtype == ScalarType.Float32
            ? scores.softmax(-1)
            : scores.softmax(-1, ScalarType.Float32).to_type(scores.dtype);
        Tensor attended = matmul(probabilities, allValues)                               // [B, K, G·T, D]
            .view(batch, kvHeads, groups, steps, headDim).permute(0, 3, 1, 2, 4)
            .reshape(batch, steps, heads * headDim);
        return Projection.Forward(o_proj, attended).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// libtorch's fused scaled-dot-product attention (a flash-style kernel on CPU that never materialises the
    /// [T, L] probabilities; at T = 720 it runs forward and backward over ten times faster than the explicit form).
    /// The mask is additive with the dtype's lowest finite value, as in the explicit form, so a query that may see no
    /// key (a padding row) averages the values instead of producing NaN. queries [B, T, H, D] → [B, T, H·D].
    /// </summary>
    private Tensor FusedAttention(Tensor queries, Tensor allKeys, Tensor allValues, Tensor? blocked, int groups)
    {
        long batch = queries.shape[0], steps = queries.shape[1];
        ScalarType dtype = queries.dtype;
        // On CPU the half-precision kernel also accumulates in half precision; the explicit form's softmax ran in
        // float32, so keep that accuracy by attending in float32 there.
        bool widen = dtype != ScalarType.Float32 && queries.device.type == TorchSharp.DeviceType.CPU;
        if (widen) (queries, allKeys, allValues) = (queries.to_type(ScalarType.Float32), allKeys.to_type(ScalarType.Float32), allValues.to_type(ScalarType.Float32));
        Tensor q = queries.transpose(1, 2);                                                 // [B, H, T, D]
        double defaultScale = 1.0 / Math.Sqrt(_options.HeadDim);
        if (Math.Abs(_scale - defaultScale) > 1e-12 * defaultScale) q = q.mul(_scale / defaultScale);
        Tensor keys = groups == 1 ? allKeys : allKeys.repeat_interleave(groups, 1);          // [B, H, L, D]
        Tensor values = groups == 1 ? allValues : allValues.repeat_interleave(groups, 1);
        Tensor? mask = blocked?.squeeze(2);                                                 // [B|1, 1, T, L]
        Tensor? additive = mask is null ? null : zeros(mask.shape, q.dtype, q.device).masked_fill_(mask, MaskValue(q.dtype));
        Tensor attended = nn.functional.scaled_dot_product_attention(q, keys, values, additive, 0, false)
            .transpose(1, 2).reshape(batch, steps, _options.NumHeads * _options.HeadDim);
        return widen ? attended.to_type(dtype) : attended;
    }

    private Tensor ProjectQkv(Tensor x)
    {
        if (qkv_proj is not null) return Projection.Forward(qkv_proj, x);
        if (_fused is not null && _fused.CanServe(q_proj, k_proj, v_proj)) return _fused.Forward(x);
        return cat([q_proj!.call(x), k_proj!.call(x), v_proj!.call(x)], -1);
    }

    internal static double MaskValue(ScalarType dtype) => dtype switch
    {
        ScalarType.Float16 => -65504.0,
        ScalarType.BFloat16 => -3.38e38,
        ScalarType.Float64 => double.MinValue,
        _ => float.MinValue,
    };
}
