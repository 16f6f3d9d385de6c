using static TorchSharp.torch;

namespace Understudy.Engine.Kernels;

/// <summary>
/// Attention of one new query position over the KV cache, as one call instead of the ~10 libtorch ops of the eager
/// path (group, matmul, scale, cap, mask, softmax, matmul, reshape). Reads the cache views in place through their
/// strides; parallel over (batch row, head) on <see cref="KernelWorkerPool"/>.
/// </summary>
public static unsafe class DecodeAttention
{
    /// <summary>
    /// <c>softmax(q·Kᵀ·scale, soft-capped, blocked keys filled with float.MinValue) · V</c> for queries [B, 1, H, D]
    /// over keys and values [B, K, L, D] (any strides, last dimension contiguous; H a multiple of K) with an optional
    /// bool <paramref name="blocked"/> mask [B or 1, 1, 1, 1, L]. Returns [B, 1, H·D], or null when the call is not of
    /// that form, the batch is above <see cref="SkinnyLinear.MaxInputRows"/>, or the fused decode ops do not apply
    /// (see <see cref="DecodeOps"/>).
    /// </summary>
    public static Tensor? TryAttend(Tensor queries, Tensor keys, Tensor values, Tensor? blocked, double scale, double? softCap)
    {
        if (!SkinnyLinear.Enabled || !SkinnyLinear.IsSupportedByHardware || is_grad_enabled()) return null;
        if (!IsFloatCpu(queries) || !IsFloatCpu(keys) || !IsFloatCpu(values)) return null;
        if (queries.dim() != 4 || keys.dim() != 4 || values.dim() != 4) return null;
        long[] q = queries.shape, k = keys.shape, v = values.shape;
        long batch = q[0], heads = q[2], headDim = q[3], kvHeads = k[1], length = k[2];
        // Above the decode-size bound libtorch's batched matmuls win (measured at batch 32): decline like DecodeOps.
        if (batch > SkinnyLinear.MaxInputRows) return null;
        if (q[1] != 1 || k[0] != batch || k[3] != headDim || !k.SequenceEqual(v) || kvHeads == 0 || heads % kvHeads != 0 || length == 0) return null;
        long[] qs = queries.stride(), ks = keys.stride(), vs = values.stride();
        if (qs[3] != 1 || ks[3] != 1 || vs[3] != 1) return null;
        long blockedBatchStride = 0;
        if (blocked is not null)
        {
            long[] m = blocked.shape;
            if (blocked.dtype != ScalarType.Bool || !blocked.is_contiguous() || m.Length != 5 || (m[0] != 1 && m[0] != batch)
                || m[1] != 1 || m[2] != 1 || m[3] != 1 || m[4] != length) return null;
            blockedBatchStride = m[0] == 1 ? 0 : length;
        }

        Tensor output = empty([batch, 1, heads * headDim], ScalarType.Float32, CPU);
        var layout = new AttentionLayout
        {
            Batch = (int)batch,
            Heads = (int)heads,
            KvHeads = (int)kvHeads,
            HeadDim = (int)headDim,
            Length = (int)length,
            Scale = (float)scale,
            SoftCap = (float)(softCap ?? 0),
            Queries = (float*)TensorMemory.Address(queries),
            QueryBatchStride = qs[0],
            QueryHeadStride = qs[2],
            Keys = TensorMemory.Address(keys),
            KeyBatchStride = ks[0],
            KeyHeadStride = ks[1],
            KeyStepStride = ks[2],
            Values = TensorMemory.Address(values),
            ValueBatchStride = vs[0],
            ValueHeadStride = vs[1],
            ValueStepStride = vs[2],
            Blocked = blocked is null ? null : (byte*)TensorMemory.Address(blocked),
            BlockedBatchStride = blockedBatchStride,
            Output = (float*)TensorMemory.Address(output),
        };
        KernelWorkerPool.Shared.Run(new AttentionJob(layout));
        return output;
    }

    private static bool IsFloatCpu(Tensor tensor) =>
        tensor.dtype == ScalarType.Float32 && tensor.device_type == TorchSharp.DeviceType.CPU;
}
