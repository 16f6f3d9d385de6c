using System.Runtime.Intrinsics;

namespace Understudy.Engine.Kernels;

/// <summary>
/// The float32 inner loops of <see cref="SkinnyLinear"/>: <c>y[i, r] = Σ_c W[r, c] · x[i, c] + bias[r]</c> for output
/// rows <c>r</c> in [rowStart, rowEnd) and every input row <c>i</c>. The weights are walked strictly in memory
/// order, one row at a time (one sequential stream per thread is what the hardware prefetcher follows best: measured
/// ~20 % faster than walking four rows side by side), with four independent accumulators so the FMA latency hides
/// behind the loads. Every input row is multiplied while the weight row is still in L1, so the weights cross the
/// memory bus once per call whatever the number of input rows.
/// </summary>
/// <remarks>
/// Every (weight row, input row) pair is summed in one fixed order, <see cref="Dot"/>'s, by every loop here, so a
/// row's result does not depend on how many input rows come with it (batched greedy decoding equals single).
/// </remarks>
internal static unsafe class MatVecFloat32Rows
{
    private const int Lanes = 8;            // Vector256<float>
    private const int Block = 4 * Lanes;    // columns per iteration: one vector per accumulator

    /// <summary>Float32 weights [rows, cols], row-major; x [inputRows, cols]; y [inputRows, outputStride].</summary>
    public static void Multiply(float* weight, int cols, float* x, int inputRows, float* bias, float* y, int outputStride,
        int rowStart, int rowEnd)
    {
        for (int r = rowStart; r < rowEnd; r++)
        {
            float* w = weight + (long)r * cols;
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
    public static float Dot(float* w, float* x, int cols)
    {
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        int c = 0;
        for (; c <= cols - Block; c += Block)
        {
            a0 = Vector256.FusedMultiplyAdd(Vector256.Load(w + c), Vector256.Load(x + c), a0);
            a1 = Vector256.FusedMultiplyAdd(Vector256.Load(w + c + Lanes), Vector256.Load(x + c + Lanes), a1);
            a2 = Vector256.FusedMultiplyAdd(Vector256.Load(w + c + 2 * Lanes), Vector256.Load(x + c + 2 * Lanes), a2);
            a3 = Vector256.FusedMultiplyAdd(Vector256.Load(w + c + 3 * Lanes), Vector256.Load(x + c + 3 * Lanes), a3);
        }
        for (; c <= cols - Lanes; c += Lanes) a0 = Vector256.FusedMultiplyAdd(Vector256.Load(w + c), Vector256.Load(x + c), a0);
        float sum = Vector256.Sum((a0 + a1) + (a2 + a3));
        for (; c < cols; c++) sum += w[c] * x[c];
        return sum;
    }

    /// <summary><see cref="Dot"/> of one weight row with two input rows at once: each weight load feeds two FMAs.</summary>
    private static (float A, float B) DotTwo(float* w, float* xa, float* xb, int cols)
    {
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
        int c = 0;
        for (; c <= cols - Block; c += Block)
        {
            Vector256<float> w0 = Vector256.Load(w + c), w1 = Vector256.Load(w + c + Lanes);
            Vector256<float> w2 = Vector256.Load(w + c + 2 * Lanes), w3 = Vector256.Load(w + c + 3 * Lanes);
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
            Vector256<float> wv = Vector256.Load(w + c);
            a0 = Vector256.FusedMultiplyAdd(wv, Vector256.Load(xa + c), a0);
            b0 = Vector256.FusedMultiplyAdd(wv, Vector256.Load(xb + c), b0);
        }
        float sa = Vector256.Sum((a0 + a1) + (a2 + a3)), sb = Vector256.Sum((b0 + b1) + (b2 + b3));
        for (; c < cols; c++)
        {
            sa += w[c] * xa[c];
            sb += w[c] * xb[c];
        }
        return (sa, sb);
    }
}
