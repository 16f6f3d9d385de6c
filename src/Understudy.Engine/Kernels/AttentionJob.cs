using System.Runtime.Intrinsics;

namespace Understudy.Engine.Kernels;

/// <summary>
/// Single-query attention for one decode step, one chunk per (batch row, query head):
/// <c>softmax(q·Kᵀ·scale [soft-capped, masked]) · V</c> over the cached keys and values of the head's KV group.
/// Follows libtorch's eager path step for step (scale, cap, fill blocked scores with float.MinValue, softmax). A bf16
/// cache is widened as it is read; the scores and the output stay float32.
/// </summary>
internal sealed unsafe class AttentionJob : KernelJob
{
    private const int Lanes = 8;

    private readonly AttentionLayout _layout;

    public AttentionJob(AttentionLayout layout)
    {
        _layout = layout;
        ChunkCount = layout.Batch * layout.Heads;
    }

    /// <inheritdoc />
    protected override void Execute(int chunk)
    {
        AttentionLayout a = _layout;
        int b = chunk / a.Heads, h = chunk % a.Heads, kv = h / (a.Heads / a.KvHeads), d = a.HeadDim, length = a.Length;
        float* q = a.Queries + b * a.QueryBatchStride + h * a.QueryHeadStride;
        int elementBytes = a.BFloat16Cache ? 2 : 4;
        byte* keys = (byte*)a.Keys + (b * a.KeyBatchStride + kv * a.KeyHeadStride) * elementBytes;
        byte* values = (byte*)a.Values + (b * a.ValueBatchStride + kv * a.ValueHeadStride) * elementBytes;
        long keyStep = a.KeyStepStride * elementBytes, valueStep = a.ValueStepStride * elementBytes;
        byte* blocked = a.Blocked == null ? null : a.Blocked + b * a.BlockedBatchStride;
        float[]? rented = length > 4096 ? new float[length] : null;
        Span<float> scoreSpan = rented ?? stackalloc float[length];
        fixed (float* scores = scoreSpan)
        {
            float max = float.MinValue;
            for (int l = 0; l < length; l++)
            {
                float s = (a.BFloat16Cache ? Dot((ushort*)(keys + l * keyStep), q, d) : Dot(q, (float*)(keys + l * keyStep), d)) * a.Scale;
                if (a.SoftCap > 0) s = MathF.Tanh(s / a.SoftCap) * a.SoftCap;
                if (blocked != null && blocked[l] != 0) s = float.MinValue;
                scores[l] = s;
                if (s > max) max = s;
            }
            float sum = 0;
            for (int l = 0; l < length; l++) sum += scores[l] = MathF.Exp(scores[l] - max);
            float* output = a.Output + (b * a.Heads + h) * d;
            new Span<float>(output, d).Clear();
            for (int l = 0; l < length; l++)
            {
                if (a.BFloat16Cache) AddScaled(output, (ushort*)(values + l * valueStep), scores[l] / sum, d);
                else AddScaled(output, (float*)(values + l * valueStep), scores[l] / sum, d);
            }
        }
    }

    private static float Dot(float* x, float* y, int count)
    {
        Vector256<float> acc = default;
        int i = 0;
        for (; i <= count - Lanes; i += Lanes) acc = Vector256.FusedMultiplyAdd(Vector256.Load(x + i), Vector256.Load(y + i), acc);
        float sum = Vector256.Sum(acc);
        for (; i < count; i++) sum += x[i] * y[i];
        return sum;
    }

    private static float Dot(ushort* key, float* q, int count)
    {
        Vector256<float> acc = default;
        int i = 0;
        for (; i <= count - Lanes; i += Lanes) acc = Vector256.FusedMultiplyAdd(MatVecBFloat16Rows.Widen8(key + i), Vector256.Load(q + i), acc);
        float sum = Vector256.Sum(acc);
        for (; i < count; i++) sum += BitConverter.Int32BitsToSingle(key[i] << 16) * q[i];
        return sum;
    }

    private static void AddScaled(float* into, ushort* x, float weight, int count)
    {
        Vector256<float> w = Vector256.Create(weight);
        int i = 0;
        for (; i <= count - Lanes; i += Lanes) Vector256.Store(Vector256.FusedMultiplyAdd(MatVecBFloat16Rows.Widen8(x + i), w, Vector256.Load(into + i)), into + i);
        for (; i < count; i++) into[i] += BitConverter.Int32BitsToSingle(x[i] << 16) * weight;
    }

    private static void AddScaled(float* into, float* x, float weight, int count)
    {
        Vector256<float> w = Vector256.Create(weight);
        int i = 0;
        for (; i <= count - Lanes; i += Lanes) Vector256.Store(Vector256.FusedMultiplyAdd(Vector256.Load(x + i), w, Vector256.Load(into + i)), into + i);
        for (; i < count; i++) into[i] += x[i] * weight;
    }
}
