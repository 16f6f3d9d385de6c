using System.Runtime.Intrinsics;

namespace Understudy.Engine.Kernels;

/// <summary>
/// The bfloat16 inner loops of <see cref="SkinnyLinear"/>, as <see cref="MatVecFloat32Rows"/> for float32: the weights
/// (raw 16-bit patterns, widened to float32 in registers) are walked in memory order one row at a time with four
/// independent float32 accumulators, and every input row is multiplied while the weight row is in L1.
/// </summary>
/// <remarks>
/// Every (weight row, input row) pair is summed in <see cref="Dot"/>'s order by every loop here, so a row's result does
/// not depend on how many input rows come with it.
/// </remarks>
internal static unsafe class MatVecBFloat16Rows
{
    private const int Lanes = 8;            // Vector256<float>
    private const int Block = 4 * Lanes;    // columns per iteration: one vector per accumulator

    /// <summary>BFloat16 weights [rows, cols], row-major; x [inputRows, cols] and y [inputRows, outputStride] in float32.</summary>
    public static void Multiply(ushort* weight, int cols, float* x, int inputRows, float* bias, float* y, int outputStride,
        int rowStart, int rowEnd)
    {
        for (int r = rowStart; r < rowEnd; r++)
        {
            ushort* w = weight + (long)r * cols;
            float b = bias == null ? 0f : bias[r];
            int i = 0;
            for (; i + 2 <= inputRows; i += 2)
            {
                float* xa = x + (long)i * cols;
                var (sa, sb) = DotTwo(w, xa, xa + cols, cols);
                y[(long)i * outputStride + r] = sa + b;
                y[(long)(i + 1) * outputStride + r] = sb + b;
            }
            if (i < inputRows) y[(long)i * outputStride + r] = Dot(w, x + (long)i * cols, cols) + b;
        }
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

    /// <summary><see cref="Dot"/> of one weight row with two input rows at once: each widened weight vector feeds two FMAs.</summary>
    private static (float A, float B) DotTwo(ushort* w, float* xa, float* xb, int cols)
    {
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
        int c = 0;
        for (; c <= cols - Block; c += Block)
        {
            var (w0, w1) = Widen16(w + c);
            var (w2, w3) = Widen16(w + c + 2 * Lanes);
            a0 = Vector256.FusedMultiplyAdd(w0, Vector256.Load(xa + c), a0);
            b0 = Vector256.FusedMultiplyAdd(w0, Vector256.Load(xb + c), b0);
            a1 = Vector256.FusedMultiplyAdd(w1, Vector256.Load(xa + c + Lanes), a1);
            b1 = Vector256.FusedMultiplyAdd(w1, Vector256.Load(xb + c + Lanes), b1);
            a2 = Vector256.FusedMultiplyAdd(w2, Vector256.Load(xa + c + 2 * Lanes), a2);
            b2 = Vector256.FusedMultiplyAdd(w2, Vector256.Load(xb + c + 2 * Lanes), b2);
            a3 = Vector256.FusedMultiplyAdd(w3, Vector256.Load(xa + c + 3 * Lanes), a3);
            b3 = Vector256.FusedMultiplyAdd(w3, Vector256.Load(xb + c + 3 * Lanes), b3);
        }
        for (; c <= cols - Lanes; c += Lanes)
        {
            Vector256<float> wv = Widen8(w + c);
            a0 = Vector256.FusedMultiplyAdd(wv, Vector256.Load(xa + c), a0);
            b0 = Vector256.FusedMultiplyAdd(wv, Vector256.Load(xb + c), b0);
        }
        float sa = Vector256.Sum((a0 + a1) + (a2 + a3)), sb = Vector256.Sum((b0 + b1) + (b2 + b3));
        for (; c < cols; c++)
        {
            float wc = ToFloat(w[c]);
            sa += wc * xa[c];
            sb += wc * xb[c];
        }
        return (sa, sb);
    }

    /// <summary>Sixteen bf16 patterns widened to two float vectors (columns 0–7 and 8–15).</summary>
    private static (Vector256<float> Low, Vector256<float> High) Widen16(ushort* w)
    {
        var (low, high) = Vector256.Widen(Vector256.Load(w));
        return (Vector256.ShiftLeft(low, 16).AsSingle(), Vector256.ShiftLeft(high, 16).AsSingle());
    }

    /// <summary>Eight bf16 patterns widened to floats.</summary>
    private static Vector256<float> Widen8(ushort* w) =>
        Vector256.ShiftLeft(Vector256.WidenLower(Vector128.Load(w).ToVector256Unsafe()), 16).AsSingle();

    private static float ToFloat(ushort bf16) => BitConverter.Int32BitsToSingle(bf16 << 16);
}
