using System.Runtime.Intrinsics;

namespace Understudy.Engine.Kernels;

/// <summary>
/// The bfloat16 inner loops of <see cref="SkinnyLinear"/>, as <see cref="MatVecFloat32Rows"/> for float32: with one
/// input row the weights (raw 16-bit patterns, widened to float32 in registers) are walked in memory order one row at a
/// time with four independent float32 accumulators; with several, each weight row is widened once into L1 scratch and
/// the float32 loops multiply every input row by it.
/// </summary>
/// <remarks>
/// Every (weight row, input row) pair is summed in <see cref="Dot"/>'s order by every loop here, so a row's result does
/// not depend on how many input rows come with it.
/// </remarks>
internal static unsafe class MatVecBFloat16Rows
{
    private const int Lanes = 8;            // Vector256<float>
    private const int Block = 4 * Lanes;    // columns per iteration: one vector per accumulator

    [ThreadStatic] private static float[]? _widened;

    /// <summary>BFloat16 weights [rows, cols], row-major; x [inputRows, cols] and y [inputRows, outputStride] in float32.</summary>
    public static void Multiply(ushort* weight, int cols, float* x, int inputRows, float* bias, float* y, int outputStride,
        int rowStart, int rowEnd)
    {
        if (inputRows >= 2)
        {
            MultiplyWidened(weight, cols, x, inputRows, bias, y, outputStride, rowStart, rowEnd);
            return;
        }
        for (int r = rowStart; r < rowEnd; r++)
        {
            y[r] = Dot(weight + (long)r * cols, x, cols) + (bias == null ? 0f : bias[r]);
        }
    }

    /// <summary>
    /// Several input rows: each pair of weight rows is widened once into float32 scratch that stays in L1, and the
    /// float32 loops multiply every input row by it. Widening inside the inner loop paid the conversion once per input
    /// pair and ran at a third of libtorch's speed with 8 input rows. Widening is exact and the float32 loops sum in
    /// <see cref="Dot"/>'s order, so results match the one-row path bit for bit.
    /// </summary>
    private static void MultiplyWidened(ushort* weight, int cols, float* x, int inputRows, float* bias, float* y, int outputStride,
        int rowStart, int rowEnd)
    {
        if (_widened is null || _widened.Length < 2 * cols) _widened = new float[2 * cols];
        fixed (float* rows = _widened)
        {
            for (int r = rowStart; r < rowEnd; r += 2)
            {
                int count = Math.Min(2, rowEnd - r);
                Widen(weight + (long)r * cols, rows, (long)count * cols);
                MatVecFloat32Rows.Multiply(rows, cols, x, inputRows, bias == null ? null : bias + r, y + r, outputStride, 0, count);
            }
        }
    }

    private static void Widen(ushort* source, float* destination, long count)
    {
        long i = 0;
        for (; i + 2 * Lanes <= count; i += 2 * Lanes)
        {
            var (low, high) = Widen16(source + i);
            low.Store(destination + i);
            high.Store(destination + i + Lanes);
        }
        for (; i < count; i++) destination[i] = ToFloat(source[i]);
    }

    /// <summary>
    /// The reference order: four accumulators over 32-column blocks, whole 8-column vectors after them into the
    /// first, <c>(a0 + a1) + (a2 + a3)</c> reduced across lanes, then the last columns one by one.
    /// </summary>
    public static float Dot(ushort* w, float* x, int cols)
    {
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        int c = 0;
        for (; c <= cols - Block; c += Block)
        {
            var (w0, w1) = Widen16(w + c);
            var (w2, w3) = Widen16(w + c + 2 * Lanes);
            a0 = Vector256.FusedMultiplyAdd(w0, Vector256.Load(x + c), a0);
            a1 = Vector256.FusedMultiplyAdd(w1, Vector256.Load(x + c + Lanes), a1);
            a2 = Vector256.FusedMultiplyAdd(w2, Vector256.Load(x + c + 2 * Lanes), a2);
            a3 = Vector256.FusedMultiplyAdd(w3, Vector256.Load(x + c + 3 * Lanes), a3);
        }
        for (; c <= cols - Lanes; c += Lanes) a0 = Vector256.FusedMultiplyAdd(Widen8(w + c), Vector256.Load(x + c), a0);
        float sum = Vector256.Sum((a0 + a1) + (a2 + a3));
        for (; c < cols; c++) sum += ToFloat(w[c]) * x[c];
        return sum;
    }

    /// <summary>Sixteen bf16 patterns widened to two float vectors (columns 0–7 and 8–15).</summary>
    private static (Vector256<float> Low, Vector256<float> High) Widen16(ushort* w)
    {
        var (low, high) = Vector256.Widen(Vector256.Load(w));
        return (Vector256.ShiftLeft(low, 16).AsSingle(), Vector256.ShiftLeft(high, 16).AsSingle());
    }

    /// <summary>Eight bf16 patterns widened to floats.</summary>
    internal static Vector256<float> Widen8(ushort* w) =>
        Vector256.ShiftLeft(Vector256.WidenLower(Vector128.Load(w).ToVector256Unsafe()), 16).AsSingle();

    private static float ToFloat(ushort bf16) => BitConverter.Int32BitsToSingle(bf16 << 16);
}
