using System.Runtime.Intrinsics;

namespace Understudy.Engine.Kernels;

/// <summary>Per-row loops over float32 buffers for <see cref="DecodeOps"/> and <see cref="DecoderLayerKernel"/>: norms, activations, rotary.</summary>
internal static unsafe class RowKernels
{
    private const int Lanes = 8;   // Vector256<float>

    /// <summary>1 / sqrt(mean(x²) + eps) over one row.</summary>
    public static float InverseRms(float* x, int count, float eps)
    {
        Vector256<float> sum = default;
        int i = 0;
        for (; i <= count - Lanes; i += Lanes)
        {
            Vector256<float> v = Vector256.Load(x + i);
            sum = Vector256.FusedMultiplyAdd(v, v, sum);
        }
        float total = Vector256.Sum(sum);
        for (; i < count; i++) total += x[i] * x[i];
        return 1f / MathF.Sqrt(total / count + eps);
    }

    /// <summary><c>y = x · scale · w</c>, or <c>x · scale · (1 + w)</c> when <paramref name="offsetFromOne"/>.</summary>
    public static void ScaleByWeight(float* x, float scale, float* weight, bool offsetFromOne, float* y, int count)
    {
        Vector256<float> s = Vector256.Create(scale), one = Vector256.Create(offsetFromOne ? 1f : 0f);
        int i = 0;
        for (; i <= count - Lanes; i += Lanes)
            Vector256.Store(Vector256.Load(x + i) * s * (Vector256.Load(weight + i) + one), y + i);
        for (; i < count; i++) y[i] = x[i] * scale * (weight[i] + (offsetFromOne ? 1f : 0f));
    }

    /// <summary><c>y = x · scale</c>.</summary>
    public static void Scale(float* x, float scale, float* y, int count)
    {
        Vector256<float> s = Vector256.Create(scale);
        int i = 0;
        for (; i <= count - Lanes; i += Lanes) Vector256.Store(Vector256.Load(x + i) * s, y + i);
        for (; i < count; i++) y[i] = x[i] * scale;
    }

    /// <summary>In place: <c>gate = silu(gate)</c>, i.e. <c>gate / (1 + e^-gate)</c>.</summary>
    public static void Silu(float* gate, int count)
    {
        Vector256<float> one = Vector256<float>.One;
        int i = 0;
        for (; i <= count - Lanes; i += Lanes)
        {
            Vector256<float> g = Vector256.Load(gate + i);
            Vector256.Store(g / (one + Vector256.Exp(-g)), gate + i);
        }
        for (; i < count; i++) gate[i] /= 1f + MathF.Exp(-gate[i]);
    }

    /// <summary>In place: the tanh approximation of GELU, <c>½g(1 + tanh(√(2/π)(g + 0.044715g³)))</c>.</summary>
    public static void GeluTanh(float* gate, int count)
    {
        const float root2OverPi = 0.7978845608f;
        for (int i = 0; i < count; i++)
        {
            float g = gate[i];
            gate[i] = 0.5f * g * (1f + MathF.Tanh(root2OverPi * (g + 0.044715f * g * g * g)));
        }
    }

    /// <summary><c>y = a · b</c> elementwise.</summary>
    public static void Multiply(float* a, float* b, float* y, int count)
    {
        int i = 0;
        for (; i <= count - Lanes; i += Lanes) Vector256.Store(Vector256.Load(a + i) * Vector256.Load(b + i), y + i);
        for (; i < count; i++) y[i] = a[i] * b[i];
    }

    /// <summary><c>y = a + b</c> elementwise.</summary>
    public static void Add(float* a, float* b, float* y, int count)
    {
        int i = 0;
        for (; i <= count - Lanes; i += Lanes) Vector256.Store(Vector256.Load(a + i) + Vector256.Load(b + i), y + i);
        for (; i < count; i++) y[i] = a[i] + b[i];
    }

    /// <summary><c>y = act(gate) · up</c>: SiLU, or the tanh approximation of GELU when <paramref name="geluTanh"/>.</summary>
    public static void GatedActivation(float* gate, float* up, bool geluTanh, float* y, int count)
    {
        Scale(gate, 1f, y, count);
        if (geluTanh) GeluTanh(y, count);
        else Silu(y, count);
        Multiply(y, up, y, count);
    }

    /// <summary>
    /// Rotary embedding of one head <paramref name="x"/> [d] into <paramref name="y"/> (not the same memory):
    /// <c>x·cos + roll(x, R/2)·sinSigned</c> over the first <paramref name="rotary"/> channels, the rest copied.
    /// </summary>
    public static void Rotate(float* x, float* cos, float* sinSigned, int rotary, float* y, int d)
    {
        int half = rotary / 2;
        for (int i = 0; i < half; i++) y[i] = x[i] * cos[i] + x[i + half] * sinSigned[i];
        for (int i = half; i < rotary; i++) y[i] = x[i] * cos[i] + x[i - half] * sinSigned[i];
        for (int i = rotary; i < d; i++) y[i] = x[i];
    }

    /// <summary>The index of the first largest value (the first NaN, if any, as libtorch's argmax).</summary>
    public static int ArgMax(float* x, int count)
    {
        // Pass 1: the maximum, vectorised, noting NaNs (a NaN compares false with itself); pass 2: its first index.
        Vector256<float> max = Vector256.Create(float.NegativeInfinity), nan = default;
        int i = 0;
        for (; i <= count - Lanes; i += Lanes)
        {
            Vector256<float> v = Vector256.Load(x + i);
            max = Vector256.Max(max, v);
            nan |= ~Vector256.Equals(v, v);
        }
        float best = float.NegativeInfinity;
        for (int lane = 0; lane < Lanes; lane++) best = Math.Max(best, max[lane]);
        bool hasNaN = nan != Vector256<float>.Zero;
        for (; i < count; i++)
        {
            hasNaN |= float.IsNaN(x[i]);
            if (x[i] > best) best = x[i];
        }
        for (int j = 0; j < count; j++)
        {
            if (hasNaN ? float.IsNaN(x[j]) : x[j] == best) return j;
        }
        return 0;
    }
}
