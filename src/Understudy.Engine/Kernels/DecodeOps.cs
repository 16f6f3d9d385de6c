using static TorchSharp.torch;

namespace Understudy.Engine.Kernels;

/// <summary>
/// Fused element-wise steps of a decode step (RMS norm, gated activation) as one call each instead of four to six
/// libtorch ops. At decode size the work is a few thousand floats, so the cost of an op is its fixed dispatch cost;
/// fusing is what shortens the step. Each returns null when it does not apply (see <see cref="Applies"/>), so the
/// caller keeps its libtorch code as the general path.
/// </summary>
public static unsafe class DecodeOps
{
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
            float* gate = both + r * 2 * width, yr = y + r * width;
            RowKernels.Scale(gate, 1f, yr, width);
            if (geluTanh) RowKernels.GeluTanh(yr, width);
            else RowKernels.Silu(yr, width);
            RowKernels.Multiply(yr, gate + width, yr, width);
        }
        return output;
    }

    /// <summary>
    /// The rule every fused decode op shares: enabled (<see cref="SkinnyLinear.Enabled"/>), supported CPU, no
    /// gradient recorded, a contiguous float32 CPU tensor of at most <see cref="SkinnyLinear.MaxInputRows"/> rows.
    /// </summary>
    internal static bool Applies(Tensor tensor) =>
        SkinnyLinear.Enabled && SkinnyLinear.IsSupportedByHardware && !is_grad_enabled()
        && tensor.dtype == ScalarType.Float32 && tensor.device_type == TorchSharp.DeviceType.CPU && tensor.is_contiguous()
        && tensor.dim() >= 1 && tensor.size(-1) > 0 && tensor.numel() / tensor.size(-1) <= SkinnyLinear.MaxInputRows;

    internal static float* Pointer(Tensor tensor) => (float*)TensorMemory.Address(tensor);
}
