using static TorchSharp.torch;

namespace Understudy.Engine.Kernels;

/// <summary>
/// Fused steps of a decode step (RMS norm, gated activation, rotary, KV-cache append, greedy argmax) as one call each
/// instead of several libtorch ops. At decode size the work is a few thousand floats, so the cost of an op is its fixed
/// dispatch cost; fusing is what shortens the step. Each returns null (or false) when it does not apply (see
/// <see cref="Applies"/>), so the caller keeps its libtorch code as the general path.
/// </summary>
public static unsafe class DecodeOps
{
    [ThreadStatic] private static float[]? s_widenedLogits;

    /// <summary>
    /// <c>x / sqrt(mean(x²) + eps) · weight</c> (or <c>· (1 + weight)</c>) over the last dimension, or null when
    /// the fused path does not apply.
    /// </summary>
    public static Tensor? RmsNorm(Tensor input, Tensor weight, double eps, bool weightIsOffsetFromOne)
    {
        if (!Applies(input) || !Applies(weight)) return null;
        int width = (int)input.size(-1);
        if (weight.numel() != width) return null;
        long rows = input.numel() / width;
        Tensor output = empty_like(input);
        float* x = Pointer(input), w = Pointer(weight), y = Pointer(output);
        for (long r = 0; r < rows; r++)
        {
            float* xr = x + r * width, yr = y + r * width;
            RowKernels.ScaleByWeight(xr, RowKernels.InverseRms(xr, width, (float)eps), w, weightIsOffsetFromOne, yr, width);
        }
        return output;
    }

    /// <summary>
    /// <c>act(gate) · up</c> for <paramref name="gateUp"/> [.., 2I] holding gate then up, giving [.., I]; SiLU, or
    /// the tanh approximation of GELU when <paramref name="geluTanh"/>. Null when the fused path does not apply.
    /// </summary>
    public static Tensor? GatedActivation(Tensor gateUp, long intermediate, bool geluTanh)
    {
        if (!Applies(gateUp) || gateUp.size(-1) != 2 * intermediate) return null;
        long rows = gateUp.numel() / (2 * intermediate);
        long[] shape = gateUp.shape;
        shape[^1] = intermediate;
        Tensor output = empty(shape, ScalarType.Float32, CPU);
        float* both = Pointer(gateUp), y = Pointer(output);
        int width = (int)intermediate;
        for (long r = 0; r < rows; r++)
        {
            float* gate = both + r * 2 * width;
            RowKernels.GatedActivation(gate, gate + width, geluTanh, y + r * width, width);
        }
        return output;
    }

    /// <summary>
    /// Rotary embedding of <paramref name="x"/> [B, T, heads, D] (any strides, last dimension contiguous) by
    /// <paramref name="cos"/> and <paramref name="sinSigned"/> [B, T, 1, R] (R ≤ D; channels past R pass through):
    /// <c>x·cos + roll(x, R/2)·sinSigned</c>, as <see cref="Models.Blocks.RotaryEmbedding.Apply"/>. Returns a contiguous
    /// [B, T, heads, D], or null when the fused path does not apply.
    /// </summary>
    public static Tensor? Rotary(Tensor x, Tensor cos, Tensor sinSigned)
    {
        if (!Applies(cos) || !Applies(sinSigned) || x.dtype != ScalarType.Float32 || x.dim() != 4) return null;
        long[] shape = x.shape, strides = x.stride(), angles = cos.shape;
        int heads = (int)shape[2], d = (int)shape[3], rotary = (int)angles[^1];
        if (strides[3] != 1 || angles.Length != 4 || angles[0] != shape[0] || angles[1] != shape[1] || angles[2] != 1
            || rotary > d || rotary % 2 != 0 || !angles.SequenceEqual(sinSigned.shape)) return null;
        Tensor output = empty(shape, ScalarType.Float32, CPU);
        float* source = Pointer(x), y = Pointer(output), c = Pointer(cos), sn = Pointer(sinSigned);
        for (long b = 0; b < shape[0]; b++)
        {
            for (long t = 0; t < shape[1]; t++)
            {
                long position = b * shape[1] + t;
                float* cp = c + position * rotary, sp = sn + position * rotary;
                for (int h = 0; h < heads; h++)
                {
                    float* xh = source + b * strides[0] + t * strides[1] + h * strides[2];
                    RowKernels.Rotate(xh, cp, sp, rotary, y + (position * heads + h) * d, d);
                }
            }
        }
        return output;
    }

    /// <summary>
    /// Copies keys or values <paramref name="source"/> [B, T, K, D] (any strides, last dimension contiguous) into
    /// slots [offset, offset + T) of <paramref name="cache"/> [B, K, capacity, D] (contiguous), as
    /// <c>cache.narrow(2, offset, T).copy_(source.transpose(1, 2))</c> does in three libtorch ops. Returns false, having
    /// copied nothing, when the fused path does not apply.
    /// </summary>
    public static bool TryCopyIntoCache(Tensor cache, long offset, Tensor source)
    {
        if (!SkinnyLinear.Enabled || !SkinnyLinear.IsSupportedByHardware || is_grad_enabled()) return false;
        if (!IsFloatCpu(cache) || !IsFloatCpu(source) || !cache.is_contiguous() || cache.dim() != 4 || source.dim() != 4) return false;
        long[] c = cache.shape, x = source.shape, strides = source.stride();
        long batch = x[0], steps = x[1], heads = x[2], d = x[3], capacity = c[2];
        if (c[0] != batch || c[1] != heads || c[3] != d || strides[3] != 1 || offset < 0 || offset + steps > capacity
            || batch * steps > SkinnyLinear.MaxInputRows) return false;
        float* from = Pointer(source), to = Pointer(cache);
        long bytes = d * sizeof(float);
        for (long b = 0; b < batch; b++)
            for (long t = 0; t < steps; t++)
                for (long h = 0; h < heads; h++)
                    Buffer.MemoryCopy(from + b * strides[0] + t * strides[1] + h * strides[2], to + ((b * heads + h) * capacity + offset + t) * d, bytes, bytes);
        return true;
    }

    /// <summary>
    /// The index of the largest value of each row of <paramref name="logits"/> [.., vocab] (float32 or bfloat16; the first one on ties, the
    /// first NaN if any, as libtorch's <c>argmax</c>), or null when the fused path does not apply. Greedy decoding's
    /// last step: libtorch reduces 50 k logits on its OpenMP threads, which then spin for milliseconds on the core the
    /// kernel workers need.
    /// </summary>
    public static long[]? ArgMax(Tensor logits)
    {
        if (logits.dtype == ScalarType.BFloat16) return ArgMaxBFloat16(logits);
        if (!Applies(logits)) return null;
        int width = (int)logits.size(-1);
        long rows = logits.numel() / width;
        float* x = Pointer(logits);
        var chosen = new long[rows];
        for (long r = 0; r < rows; r++) chosen[r] = RowKernels.ArgMax(x + r * width, width);
        return chosen;
    }

    /// <summary>bf16 logits: each row widened (exactly) to float32, then <see cref="RowKernels.ArgMax"/>.</summary>
    private static long[]? ArgMaxBFloat16(Tensor logits)
    {
        if (!SkinnyLinear.Enabled || !SkinnyLinear.IsSupportedByHardware || is_grad_enabled() || !IsKernelOperand(logits)
            || logits.dim() < 1 || logits.size(-1) == 0) return null;
        int width = (int)logits.size(-1);
        long rows = logits.numel() / width;
        if (rows > SkinnyLinear.MaxInputRows) return null;
        ushort* x = (ushort*)TensorMemory.Address(logits);
        var chosen = new long[rows];
        if (s_widenedLogits is null || s_widenedLogits.Length < width) s_widenedLogits = GC.AllocateUninitializedArray<float>(width);
        fixed (float* widened = s_widenedLogits)
        {
            for (long r = 0; r < rows; r++)
            {
                BFloat16Conversion.ToFloat32(x + r * width, widened, width);
                chosen[r] = RowKernels.ArgMax(widened, width);
            }
        }
        return chosen;
    }

    /// <summary>Greedy token ids of each row: <see cref="ArgMax"/> where it applies, libtorch's <c>argmax</c> otherwise.</summary>
    public static long[] GreedyIds(Tensor logits) => ArgMax(logits) ?? logits.argmax(-1).cpu().data<long>().ToArray();

    /// <summary>
    /// The rule every fused decode op shares: enabled (<see cref="SkinnyLinear.Enabled"/>), supported CPU, no
    /// gradient recorded, a contiguous float32 CPU tensor of at most <see cref="SkinnyLinear.MaxInputRows"/> rows.
    /// </summary>
    internal static bool Applies(Tensor tensor) =>
        SkinnyLinear.Enabled && SkinnyLinear.IsSupportedByHardware && !is_grad_enabled()
        && tensor.dtype == ScalarType.Float32 && tensor.device_type == TorchSharp.DeviceType.CPU && tensor.is_contiguous()
        && tensor.dim() >= 1 && tensor.size(-1) > 0 && tensor.numel() / tensor.size(-1) <= SkinnyLinear.MaxInputRows;

    private static bool IsFloatCpu(Tensor tensor) =>
        tensor.dtype == ScalarType.Float32 && tensor.device_type == TorchSharp.DeviceType.CPU;

    internal static bool IsContiguousFloatCpu(Tensor tensor) => IsFloatCpu(tensor) && tensor.is_contiguous();

    /// <summary>A tensor the fused decode kernels read or write in place: contiguous float32 or bfloat16 on the CPU.</summary>
    internal static bool IsKernelOperand(Tensor tensor) =>
        tensor.dtype is ScalarType.Float32 or ScalarType.BFloat16 && tensor.device_type == TorchSharp.DeviceType.CPU && tensor.is_contiguous();

    internal static float* Pointer(Tensor tensor) => (float*)TensorMemory.Address(tensor);
}
