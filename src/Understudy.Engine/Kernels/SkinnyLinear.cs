using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static TorchSharp.torch;

namespace Understudy.Engine.Kernels;

/// <summary>
/// <c>y = x Wᵀ + b</c> for a handful of input rows (decode steps) on CPU, by our own vectorised matrix-vector kernel
/// over the weight's memory, parallel over output rows on <see cref="KernelWorkerPool"/>. libtorch's matrix-vector
/// path streams the weights at a fraction of the memory bandwidth; this one runs near it. Float32 and bfloat16
/// weights (bf16 is widened in registers and accumulated in float32). Anything else stays with libtorch.
/// </summary>
public static unsafe class SkinnyLinear
{
    /// <summary>
    /// The most input rows (batch × steps) served here. Each call reads the weights once and reuses them from L1 for
    /// every row; above this libtorch's blocked matrix multiply does the arithmetic faster than our per-row loops.
    /// </summary>
    public const int MaxInputRows = 8;

    [ThreadStatic] private static float[]? s_scratch;

    /// <summary>
    /// Turns the kernel on or off for the whole process (default on). The benchmark flips it to measure libtorch's
    /// path in the same run; nothing else needs to.
    /// </summary>
    public static bool Enabled { get; set; } = true;

    /// <summary>True when this CPU has the 256-bit vectors with fused multiply-add the kernel is written for.</summary>
    public static bool IsSupportedByHardware { get; } = Vector256.IsHardwareAccelerated && Fma.IsSupported && Avx2.IsSupported;

    /// <summary>
    /// Computes <c>input · weightᵀ + bias</c> with the kernel when the dispatch rule holds: kernel enabled, no
    /// gradient recorded, float32 weights (bfloat16 too when <paramref name="servesBFloat16"/>), at most
    /// <see cref="MaxInputRows"/> input rows, and <see cref="Multiply"/> applicable. Returns null otherwise, so the
    /// caller uses libtorch.
    /// </summary>
    /// <remarks>
    /// bfloat16 is opt-in per call: the LM head after fused decoder layers asks for it. Inside per-op layers the norms,
    /// rotary and attention of a bf16 step run on libtorch's OpenMP threads, which keep spinning after each op on the
    /// cores our workers need. Measured on SmolLM2-135M's shape in bf16 (same run): decode with our bf16
    /// matrix-vector kernel inside per-op layers ran 25.2 tok/s at batch 1 and 79 at batch 8, with libtorch's 42.5 and
    /// 261, although the kernel alone streams 1.6-1.9× faster than libtorch's <c>linear</c> at one row. The fused layer
    /// (<see cref="DecoderLayerKernel"/>) leaves no libtorch op between its products, so there it pays off.
    /// </remarks>
    public static Tensor? TryForward(Tensor input, Tensor weight, Tensor? bias, bool servesBFloat16 = false)
    {
        if (!Enabled || is_grad_enabled()) return null;
        if (weight.dtype != ScalarType.Float32 && !(servesBFloat16 && weight.dtype == ScalarType.BFloat16)) return null;
        long cols = weight.size(-1);
        if (cols == 0 || input.numel() / cols > MaxInputRows) return null;
        return Describe(input, weight, bias) is { } call ? Run(call) : null;
    }

    /// <summary>
    /// Computes <c>input · weightᵀ + bias</c> with the kernel whatever the number of input rows: CPU tensors,
    /// contiguous float32 or bfloat16 weight [out, in], contiguous input [.., in] and bias [out] of the same dtype.
    /// The result records no gradient.
    /// </summary>
    /// <exception cref="ArgumentException">The tensors are not of that form.</exception>
    /// <exception cref="PlatformNotSupportedException">This CPU lacks 256-bit vectors with fused multiply-add.</exception>
    public static Tensor Multiply(Tensor input, Tensor weight, Tensor? bias = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (!IsSupportedByHardware) throw new PlatformNotSupportedException("SkinnyLinear needs 256-bit vectors with FMA (AVX2+FMA).");
        var call = Describe(input, weight, bias) ?? throw new ArgumentException(
            $"SkinnyLinear takes contiguous CPU float32/bfloat16 tensors of one dtype: weight [out, in], input [.., in], bias [out]; " +
            $"got input {input.dtype} [{string.Join(", ", input.shape)}], weight {weight.dtype} [{string.Join(", ", weight.shape)}]" +
            (bias is null ? "." : $", bias {bias.dtype} [{string.Join(", ", bias.shape)}]."));
        return Run(call);
    }

    private static Call? Describe(Tensor input, Tensor weight, Tensor? bias)
    {
        if (!IsSupportedByHardware) return null;
        ScalarType dtype = weight.dtype;
        if (dtype is not (ScalarType.Float32 or ScalarType.BFloat16) || input.dtype != dtype) return null;
        if (weight.device_type != TorchSharp.DeviceType.CPU || input.device_type != TorchSharp.DeviceType.CPU) return null;
        if (weight.dim() != 2 || !weight.is_contiguous() || !input.is_contiguous()) return null;
        long rows = weight.size(0), cols = weight.size(1);
        long[] inputShape = input.shape;
        if (inputShape.Length == 0 || inputShape[^1] != cols || cols == 0 || rows == 0 || rows > int.MaxValue) return null;
        long inputRows = input.numel() / cols;
        if (inputRows == 0 || inputRows * Math.Max(rows, cols) > int.MaxValue) return null;
        if (bias is not null && (bias.dtype != dtype || bias.device_type != TorchSharp.DeviceType.CPU || !bias.is_contiguous() || bias.numel() != rows))
            return null;
        return new Call(input, weight, bias, [.. inputShape[..^1], rows], (int)rows, (int)cols, (int)inputRows, dtype);
    }

    private sealed record Call(Tensor Input, Tensor Weight, Tensor? Bias, long[] OutputShape, int Rows, int Cols, int InputRows, ScalarType DType);

    private static Tensor Run(Call call)
    {
        Tensor output = empty(call.OutputShape, call.DType, CPU);
        var (input, weight, bias, rows, cols, inputRows) = (call.Input, call.Weight, call.Bias, call.Rows, call.Cols, call.InputRows);
        void* w = DataPointer(weight);
        if (call.DType == ScalarType.Float32)
        {
            var job = new MatVecJob(w, bfloat16: false, rows, cols, (float*)DataPointer(input), inputRows,
                bias is null ? null : (float*)DataPointer(bias), (float*)DataPointer(output));
            KernelWorkerPool.Shared.Run(job);
            return output;
        }
        // bf16 model: activations, bias and output are bf16; the kernel works on float32 copies of the small ones.
        long xCount = (long)inputRows * cols, yCount = (long)inputRows * rows, biasCount = bias is null ? 0 : rows;
        float[] scratch = Scratch(xCount + yCount + biasCount);
        fixed (float* buffer = scratch)
        {
            float* x = buffer, y = buffer + xCount, b = bias is null ? null : y + yCount;
            BFloat16Conversion.ToFloat32((ushort*)DataPointer(input), x, xCount);
            if (bias is not null) BFloat16Conversion.ToFloat32((ushort*)DataPointer(bias), b, biasCount);
            KernelWorkerPool.Shared.Run(new MatVecJob(w, bfloat16: true, rows, cols, x, inputRows, b, y));
            BFloat16Conversion.FromFloat32(y, (ushort*)DataPointer(output), yCount);
        }
        return output;
    }

    private static float[] Scratch(long count)
    {
        if (s_scratch is null || s_scratch.Length < count) s_scratch = GC.AllocateUninitializedArray<float>((int)count, pinned: true);
        return s_scratch;
    }

    private static void* DataPointer(Tensor tensor) => TensorMemory.Address(tensor);
}
