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
        int r = rowStart;
        if (inputRows >= 2)
        {
            // Two weight rows × two input rows per pass: each widened weight vector and each x load feeds two FMAs.
            for (; r + 2 <= rowEnd; r += 2)
            {
                ushort* w0 = weight + (long)r * cols;
                float b0 = bias == null ? 0f : bias[r], b1 = bias == null ? 0f : bias[r + 1];
                int i = 0;
                for (; i + 2 <= inputRows; i += 2)
                {
                    float* xa = x + (long)i * cols;
                    var (s00, s01, s10, s11) = DotTwoByTwo(w0, w0 + cols, xa, xa + cols, cols);
                    float* ya = y + (long)i * outputStride + r, yb = ya + outputStride;
                    (ya[0], ya[1], yb[0], yb[1]) = (s00 + b0, s10 + b1, s01 + b0, s11 + b1);
                }
                if (i < inputRows)
                {
                    float* xi = x + (long)i * cols, yi = y + (long)i * outputStride + r;
                    (yi[0], yi[1]) = (Dot(w0, xi, cols) + b0, Dot(w0 + cols, xi, cols) + b1);
                }
            }
        }
        for (; r < rowEnd; r++)
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

    /// <summary><see cref="Dot"/> of two weight rows with two input rows (sixteen accumulators, as the float32 loop).</summary>
    private static (float W0A, float W0B, float W1A, float W1B) DotTwoByTwo(ushort* w0, ushort* w1, float* xa, float* xb, int cols)
    {
        Vector256<float> p0 = default, p1 = default, p2 = default, p3 = default, q0 = default, q1 = default, q2 = default, q3 = default;
        Vector256<float> u0 = default, u1 = default, u2 = default, u3 = default, v0 = default, v1 = default, v2 = default, v3 = default;
        int c = 0;
        for (; c <= cols - Block; c += Block)
        {
            var (m0, m1) = Widen16(w0 + c);
            var (n0, n1) = Widen16(w1 + c);
            Vector256<float> x0 = Vector256.Load(xa + c), y0 = Vector256.Load(xb + c);
            p0 = Vector256.FusedMultiplyAdd(m0, x0, p0); q0 = Vector256.FusedMultiplyAdd(m0, y0, q0);
            u0 = Vector256.FusedMultiplyAdd(n0, x0, u0); v0 = Vector256.FusedMultiplyAdd(n0, y0, v0);
            Vector256<float> x1 = Vector256.Load(xa + c + Lanes), y1 = Vector256.Load(xb + c + Lanes);
            p1 = Vector256.FusedMultiplyAdd(m1, x1, p1); q1 = Vector256.FusedMultiplyAdd(m1, y1, q1);
            u1 = Vector256.FusedMultiplyAdd(n1, x1, u1); v1 = Vector256.FusedMultiplyAdd(n1, y1, v1);
            (m0, m1) = Widen16(w0 + c + 2 * Lanes);
            (n0, n1) = Widen16(w1 + c + 2 * Lanes);
            Vector256<float> x2 = Vector256.Load(xa + c + 2 * Lanes), y2 = Vector256.Load(xb + c + 2 * Lanes);
            p2 = Vector256.FusedMultiplyAdd(m0, x2, p2); q2 = Vector256.FusedMultiplyAdd(m0, y2, q2);
            u2 = Vector256.FusedMultiplyAdd(n0, x2, u2); v2 = Vector256.FusedMultiplyAdd(n0, y2, v2);
            Vector256<float> x3 = Vector256.Load(xa + c + 3 * Lanes), y3 = Vector256.Load(xb + c + 3 * Lanes);
            p3 = Vector256.FusedMultiplyAdd(m1, x3, p3); q3 = Vector256.FusedMultiplyAdd(m1, y3, q3);
            u3 = Vector256.FusedMultiplyAdd(n1, x3, u3); v3 = Vector256.FusedMultiplyAdd(n1, y3, v3);
        }
        for (; c <= cols - Lanes; c += Lanes)
        {
            Vector256<float> m = Widen8(w0 + c), n = Widen8(w1 + c), x0 = Vector256.Load(xa + c), y0 = Vector256.Load(xb + c);
            p0 = Vector256.FusedMultiplyAdd(m, x0, p0); q0 = Vector256.FusedMultiplyAdd(m, y0, q0);
            u0 = Vector256.FusedMultiplyAdd(n, x0, u0); v0 = Vector256.FusedMultiplyAdd(n, y0, v0);
        }
        float sp = Vector256.Sum((p0 + p1) + (p2 + p3)), sq = Vector256.Sum((q0 + q1) + (q2 + q3));
        float su = Vector256.Sum((u0 + u1) + (u2 + u3)), sv = Vector256.Sum((v0 + v1) + (v2 + v3));
        for (; c < cols; c++)
        {
            float f0 = ToFloat(w0[c]), f1 = ToFloat(w1[c]);
            sp += f0 * xa[c];
            sq += f0 * xb[c];
            su += f1 * xa[c];
            sv += f1 * xb[c];
        }
        return (sp, sq, su, sv);
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
