using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Understudy.Engine.Kernels;

/// <summary>
/// The bfloat16 inner loops of <see cref="SkinnyLinear"/>, as <see cref="MatVecFloat32Rows"/> for float32: with one
/// input row the weights (raw 16-bit patterns) are walked in memory order one row at a time with four independent
/// float32 accumulators; with several, each weight row is widened once into L1 scratch and the float32 loops multiply
/// every input row by it.
/// </summary>
/// <remarks>
/// Widening is one instruction per eight weights: interleaving sixteen 16-bit patterns with zeros (<c>vpunpcklwd</c> /
/// <c>vpunpckhwd</c>) puts each pattern in the upper half of a float, but per 128-bit lane, so a block of sixteen comes
/// out as columns [0–3, 8–11] and [4–7, 12–15]. The input is permuted the same way once per call
/// (<see cref="PermuteInput"/>), which makes the product the same; the zero-extend-and-shift it replaces cost four
/// instructions per eight weights and kept the kernel compute-bound at ~half the memory bandwidth. Every (weight row,
/// input row) pair is summed in one order by every loop here, so a row's result does not depend on how many input rows
/// come with it.
/// </remarks>
internal static unsafe class MatVecBFloat16Rows
{
    private const int Lanes = 8;            // Vector256<float>
    private const int Block = 4 * Lanes;    // columns per iteration: one vector per accumulator
    private const int Pair = 2 * Lanes;     // columns one 256-bit load of bf16 holds

    [ThreadStatic] private static float[]? _widened;

    /// <summary>
    /// <paramref name="x"/> [rows, cols] in the column order the widened weights come in: within each whole block of
    /// sixteen columns, [0–3, 8–11, 4–7, 12–15]; the last cols % 16 columns stay in place.
    /// </summary>
    public static void PermuteInput(float* x, float* destination, int cols, int rows)
    {
        for (int r = 0; r < rows; r++)
        {
            float* from = x + (long)r * cols, to = destination + (long)r * cols;
            int c = 0;
            for (; c + Pair <= cols; c += Pair)
            {
                Vector128.Load(from + c).Store(to + c);
                Vector128.Load(from + c + 8).Store(to + c + 4);
                Vector128.Load(from + c + 4).Store(to + c + 8);
                Vector128.Load(from + c + 12).Store(to + c + 12);
            }
            for (; c < cols; c++) to[c] = from[c];
        }
    }

    /// <summary>
    /// BFloat16 weights [rows, cols], row-major; x [inputRows, cols] permuted by <see cref="PermuteInput"/>, and
    /// y [inputRows, outputStride], in float32.
    /// </summary>
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
                for (int i = 0; i < count; i++) WidenRow(weight + (long)(r + i) * cols, rows + (long)i * cols, cols);
                MatVecFloat32Rows.Multiply(rows, cols, x, inputRows, bias == null ? null : bias + r, y + r, outputStride, 0, count);
            }
        }
    }

    /// <summary>One weight row widened into the permuted column order (see <see cref="PermuteInput"/>).</summary>
    private static void WidenRow(ushort* source, float* destination, int cols)
    {
        int c = 0;
        for (; c + Pair <= cols; c += Pair)
        {
            var (low, high) = Unpack(source + c);
            low.Store(destination + c);
            high.Store(destination + c + Lanes);
        }
        for (; c < cols; c++) destination[c] = ToFloat(source[c]);
    }

    /// <summary>
    /// The reference order over the permuted columns, as <see cref="MatVecFloat32Rows.Dot"/> sums the widened row: four
    /// accumulators over 32-column blocks, whole 8-column vectors after them into the first, <c>(a0 + a1) + (a2 + a3)</c>
    /// reduced across lanes, then the last columns one by one.
    /// </summary>
    public static float Dot(ushort* w, float* x, int cols)
    {
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        int c = 0;
        for (; c <= cols - Block; c += Block)
        {
            var (w0, w1) = Unpack(w + c);
            var (w2, w3) = Unpack(w + c + Pair);
            a0 = Vector256.FusedMultiplyAdd(w0, Vector256.Load(x + c), a0);
            a1 = Vector256.FusedMultiplyAdd(w1, Vector256.Load(x + c + Lanes), a1);
            a2 = Vector256.FusedMultiplyAdd(w2, Vector256.Load(x + c + 2 * Lanes), a2);
            a3 = Vector256.FusedMultiplyAdd(w3, Vector256.Load(x + c + 3 * Lanes), a3);
        }
        if (c <= cols - Pair)
        {
            var (w0, w1) = Unpack(w + c);
            a0 = Vector256.FusedMultiplyAdd(w0, Vector256.Load(x + c), a0);
            a0 = Vector256.FusedMultiplyAdd(w1, Vector256.Load(x + c + Lanes), a0);
            c += Pair;
        }
        // Fewer than sixteen columns left: they were not permuted; at most one whole vector of them.
        if (c <= cols - Lanes)
        {
            a0 = Vector256.FusedMultiplyAdd(Widen8(w + c), Vector256.Load(x + c), a0);
            c += Lanes;
        }
        float sum = Vector256.Sum((a0 + a1) + (a2 + a3));
        for (; c < cols; c++) sum += ToFloat(w[c]) * x[c];
        return sum;
    }

    /// <summary>Sixteen bf16 patterns as two float vectors, columns [0–3, 8–11] and [4–7, 12–15].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Low, Vector256<float> High) Unpack(ushort* w)
    {
        Vector256<ushort> patterns = Vector256.Load(w);
        return (Avx2.UnpackLow(Vector256<ushort>.Zero, patterns).AsSingle(), Avx2.UnpackHigh(Vector256<ushort>.Zero, patterns).AsSingle());
    }

    /// <summary>Eight bf16 patterns widened to floats, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Widen8(ushort* w) =>
        Vector256.ShiftLeft(Vector256.WidenLower(Vector128.Load(w).ToVector256Unsafe()), 16).AsSingle();

    private static float ToFloat(ushort bf16) => BitConverter.Int32BitsToSingle(bf16 << 16);
}
