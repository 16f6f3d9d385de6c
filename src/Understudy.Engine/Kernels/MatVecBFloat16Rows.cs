using System.Runtime.Intrinsics;

namespace Understudy.Engine.Kernels;

/// <summary>
/// The bfloat16 inner loops of <see cref="SkinnyLinear"/> (float32 weights: <see cref="MatVecFloat32Rows"/>):
/// <c>y[i, r] = Σ_c W[r, c] · x[i, c] + bias[r]</c> for output rows <c>r</c> in [rowStart, rowEnd) and every input row <c>i</c>. Four weight rows are walked together so each load of
/// <c>x</c> feeds four fused multiply-adds; the four rows (a few KB) stay in L1 while the other input rows reuse
/// them, so the weights cross the memory bus once per call whatever the number of input rows.
/// </summary>
internal static unsafe class MatVecBFloat16Rows
{
    private const int Lanes = 8;   // Vector256<float>

    /// <summary>BFloat16 weights [rows, cols] (raw 16-bit patterns), widened to float32 in registers.</summary>
    public static void Multiply(ushort* weight, int cols, float* x, int inputRows, float* bias, float* y, int outputStride,
        int rowStart, int rowEnd)
    {
        int r = rowStart;
        for (; r + 4 <= rowEnd; r += 4)
        {
            ushort* w0 = weight + (long)r * cols, w1 = w0 + cols, w2 = w1 + cols, w3 = w2 + cols;
            int i = 0;
            for (; i + 2 <= inputRows; i += 2) FourBf16RowsTwoInputs(w0, w1, w2, w3, cols, x + (long)i * cols, y + (long)i * outputStride, outputStride, bias, r);
            for (; i < inputRows; i++)
            {
                float* xi = x + (long)i * cols;
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                int c = 0;
                for (; c <= cols - 2 * Lanes; c += 2 * Lanes)
                {
                    Vector256<float> xLow = Vector256.Load(xi + c), xHigh = Vector256.Load(xi + c + Lanes);
                    a0 = Accumulate(w0 + c, xLow, xHigh, a0);
                    a1 = Accumulate(w1 + c, xLow, xHigh, a1);
                    a2 = Accumulate(w2 + c, xLow, xHigh, a2);
                    a3 = Accumulate(w3 + c, xLow, xHigh, a3);
                }
                float s0 = Vector256.Sum(a0), s1 = Vector256.Sum(a1), s2 = Vector256.Sum(a2), s3 = Vector256.Sum(a3);
                for (; c < cols; c++)
                {
                    s0 += ToFloat(w0[c]) * xi[c];
                    s1 += ToFloat(w1[c]) * xi[c];
                    s2 += ToFloat(w2[c]) * xi[c];
                    s3 += ToFloat(w3[c]) * xi[c];
                }
                Store(y + (long)i * outputStride, bias, r, s0, s1, s2, s3);
            }
        }
        for (; r < rowEnd; r++)
        {
            ushort* w = weight + (long)r * cols;
            for (int i = 0; i < inputRows; i++)
            {
                float* xi = x + (long)i * cols;
                float s = 0;
                for (int c = 0; c < cols; c++) s += ToFloat(w[c]) * xi[c];
                y[(long)i * outputStride + r] = s + (bias == null ? 0f : bias[r]);
            }
        }
    }

    /// <summary>Four bf16 weight rows against two input rows: each widened weight vector feeds two FMAs.</summary>
    private static void FourBf16RowsTwoInputs(ushort* w0, ushort* w1, ushort* w2, ushort* w3, int cols, float* x, float* y, int outputStride, float* bias, int r)
    {
        float* xa = x, xb = x + cols;
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
        int c = 0;
        // Vector loop over whole 16-column blocks, as the one-row loop, so both leave the same tail and round identically.
        int end = cols / (2 * Lanes) * (2 * Lanes);
        for (; c < end; c += Lanes)
        {
            Vector256<float> xva = Vector256.Load(xa + c), xvb = Vector256.Load(xb + c);
            Vector256<float> v0 = Widen8(w0 + c), v1 = Widen8(w1 + c), v2 = Widen8(w2 + c), v3 = Widen8(w3 + c);
            a0 = Vector256.FusedMultiplyAdd(v0, xva, a0);
            b0 = Vector256.FusedMultiplyAdd(v0, xvb, b0);
            a1 = Vector256.FusedMultiplyAdd(v1, xva, a1);
            b1 = Vector256.FusedMultiplyAdd(v1, xvb, b1);
            a2 = Vector256.FusedMultiplyAdd(v2, xva, a2);
            b2 = Vector256.FusedMultiplyAdd(v2, xvb, b2);
            a3 = Vector256.FusedMultiplyAdd(v3, xva, a3);
            b3 = Vector256.FusedMultiplyAdd(v3, xvb, b3);
        }
        float sa0 = Vector256.Sum(a0), sa1 = Vector256.Sum(a1), sa2 = Vector256.Sum(a2), sa3 = Vector256.Sum(a3);
        float sb0 = Vector256.Sum(b0), sb1 = Vector256.Sum(b1), sb2 = Vector256.Sum(b2), sb3 = Vector256.Sum(b3);
        for (; c < cols; c++)
        {
            float f0 = ToFloat(w0[c]), f1 = ToFloat(w1[c]), f2 = ToFloat(w2[c]), f3 = ToFloat(w3[c]);
            sa0 += f0 * xa[c];
            sa1 += f1 * xa[c];
            sa2 += f2 * xa[c];
            sa3 += f3 * xa[c];
            sb0 += f0 * xb[c];
            sb1 += f1 * xb[c];
            sb2 += f2 * xb[c];
            sb3 += f3 * xb[c];
        }
        Store(y, bias, r, sa0, sa1, sa2, sa3);
        Store(y + outputStride, bias, r, sb0, sb1, sb2, sb3);
    }

    /// <summary>Eight bf16 patterns widened to floats.</summary>
    private static Vector256<float> Widen8(ushort* w) =>
        Vector256.ShiftLeft(Vector256.WidenLower(Vector128.Load(w).ToVector256Unsafe()), 16).AsSingle();

    /// <summary>Sixteen bf16 weights times sixteen floats, added into <paramref name="sum"/>.</summary>
    private static Vector256<float> Accumulate(ushort* w, Vector256<float> xLow, Vector256<float> xHigh, Vector256<float> sum)
    {
        var (low, high) = Vector256.Widen(Vector256.Load(w));
        sum = Vector256.FusedMultiplyAdd(Vector256.ShiftLeft(low, 16).AsSingle(), xLow, sum);
        return Vector256.FusedMultiplyAdd(Vector256.ShiftLeft(high, 16).AsSingle(), xHigh, sum);
    }

    private static float ToFloat(ushort bf16) => BitConverter.Int32BitsToSingle(bf16 << 16);

    private static void Store(float* yRow, float* bias, int r, float s0, float s1, float s2, float s3)
    {
        if (bias != null)
        {
            s0 += bias[r];
            s1 += bias[r + 1];
            s2 += bias[r + 2];
            s3 += bias[r + 3];
        }
        yRow[r] = s0;
        yRow[r + 1] = s1;
        yRow[r + 2] = s2;
        yRow[r + 3] = s3;
    }
}
