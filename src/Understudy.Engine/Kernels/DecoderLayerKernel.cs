namespace Understudy.Engine.Kernels;

/// <summary>
/// One whole pre-norm decoder layer for a decode step (one new position per row, at most
/// <see cref="SkinnyLinear.MaxInputRows"/> rows) on raw memory, float32 or bfloat16 weights:
/// <c>h = x + o(attend(rotary(qkv(norm(x))))); y = h + down(act(gate·up(norm(h))))</c>. The four matrix-vector
/// products and the attention run on <see cref="KernelWorkerPool"/>; norms, rotary, the KV cache write, residual adds
/// and the activation run on the calling thread in place, on scratch buffers that live as long as the thread. The
/// layer's libtorch form costs ~18 op dispatches and as many tensor allocations per layer at decode size, each of which
/// costs more than the arithmetic; here the step is the five parallel calls and nothing else. A float32 layer computes
/// every value with the per-op kernels' loops in the same order (<see cref="DecodeOps"/>, <see cref="SkinnyLinear"/>,
/// <see cref="DecodeAttention"/>), so its result is the same bit for bit.
/// </summary>
public static unsafe class DecoderLayerKernel
{
    [ThreadStatic] private static float[]? s_scratch;
    private static long s_layerSteps;

    /// <summary>
    /// Turns the fused layer on or off for the whole process (default on; it also needs <see cref="SkinnyLinear.Enabled"/>).
    /// The benchmark flips it to measure the per-op path in the same run.
    /// </summary>
    public static bool Enabled { get; set; } = true;

    /// <summary>
    /// The most rows a bfloat16 layer runs here. Above it libtorch's bf16 matrix multiply wins: measured on SmolLM2-135M's
    /// shape (same run) the fused bf16 layer decoded 272 tok/s at batch 4 vs libtorch's 130, but 244 vs 339 at batch 8,
    /// where libtorch switches to its blocked bf16 kernels. float32 runs up to <see cref="SkinnyLinear.MaxInputRows"/>.
    /// </summary>
    public const int MaxBFloat16Rows = 4;

    /// <summary>Layer steps run by this kernel since the process started (a diagnostic: tests check it ran).</summary>
    public static long LayerStepsRun => Interlocked.Read(ref s_layerSteps);

    /// <summary>
    /// Runs the layer on <paramref name="x"/> [batch, hidden] into <paramref name="y"/> [batch, hidden], both of the
    /// weights' dtype. A bf16 layer computes in float32 from widened inputs and rounds once, at the output.
    /// </summary>
    internal static void Run(in DecoderLayerWeights w, in DecodeStepInputs step, in DecodeCacheSlots cache, void* x, void* y)
    {
        int batch = step.Batch, hidden = w.Hidden, d = w.HeadDim, heads = w.Heads, kvHeads = w.KvHeads;
        int qkvWidth = (heads + 2 * kvHeads) * d, attendedWidth = heads * d, intermediate = w.Intermediate;
        long normedCount = (long)batch * hidden, qkvCount = (long)batch * qkvWidth, attendedCount = (long)batch * attendedWidth;
        long gateUpCount = 2L * batch * intermediate, activatedCount = (long)batch * intermediate;
        long widenedCount = w.BFloat16 ? 2 * normedCount + 4L * hidden + qkvWidth + 2L * d + 2L * intermediate : 0;
        float[] scratch = Scratch(normedCount + qkvCount + attendedCount + gateUpCount + activatedCount + normedCount + d + widenedCount);
        fixed (float* buffer = scratch)
        {
            float* normed = buffer, qkv = normed + normedCount, attended = qkv + qkvCount, gateUp = attended + attendedCount;
            float* activated = gateUp + gateUpCount, projected = activated + activatedCount, head = projected + normedCount;
            var v = new Vectors(w, x, y, head + d, normedCount, qkvWidth);
            var pool = KernelWorkerPool.Shared;

            // Attention half: h = x + o_proj(attention(rotary(qkv_proj(input_layernorm(x)))))
            Normalize(v.X, v.InputNorm, w.NormEps, w.NormOffsetFromOne, normed, batch, hidden);
            pool.Run(new MatVecJob(w.Qkv, w.BFloat16, qkvWidth, hidden, normed, batch, v.QkvBias, qkv));
            for (int b = 0; b < batch; b++) PositionHeads(w, v, step, cache, qkv + (long)b * qkvWidth, b, head);
            pool.Run(new AttentionJob(Layout(w, step, cache, qkv, qkvWidth, attended)));
            pool.Run(new MatVecJob(w.Output, w.BFloat16, hidden, attendedWidth, attended, batch, v.OutputBias, projected));
            RowKernels.Add(projected, v.X, v.Y, (int)normedCount);

            // MLP half: y = h + down_proj(act(gate) · up)
            Normalize(v.Y, v.PostAttentionNorm, w.NormEps, w.NormOffsetFromOne, normed, batch, hidden);
            pool.Run(new MatVecJob(w.GateUp, w.BFloat16, 2 * intermediate, hidden, normed, batch, v.GateUpBias, gateUp));
            for (int b = 0; b < batch; b++)
            {
                float* gate = gateUp + 2L * b * intermediate;
                RowKernels.GatedActivation(gate, gate + intermediate, w.GeluTanh, activated + (long)b * intermediate, intermediate);
            }
            pool.Run(new MatVecJob(w.Down, w.BFloat16, hidden, intermediate, activated, batch, v.DownBias, projected));
            RowKernels.Add(projected, v.Y, v.Y, (int)normedCount);
            if (w.BFloat16) BFloat16Conversion.FromFloat32(v.Y, (ushort*)y, normedCount);
        }
        Interlocked.Increment(ref s_layerSteps);
    }

    /// <summary>
    /// The float32 views of the layer's input, output, norms and biases: the tensors themselves for a float32 layer,
    /// widened copies (in <paramref name="widened"/>) for a bf16 one.
    /// </summary>
    private readonly struct Vectors
    {
        public Vectors(in DecoderLayerWeights w, void* x, void* y, float* widened, long rowsTimesHidden, int qkvWidth)
        {
            if (!w.BFloat16)
            {
                X = (float*)x;
                Y = (float*)y;
                InputNorm = (float*)w.InputNorm;
                PostAttentionNorm = (float*)w.PostAttentionNorm;
                QueryNorm = (float*)w.QueryNorm;
                KeyNorm = (float*)w.KeyNorm;
                QkvBias = (float*)w.QkvBias;
                OutputBias = (float*)w.OutputBias;
                GateUpBias = (float*)w.GateUpBias;
                DownBias = (float*)w.DownBias;
                return;
            }
            float* next = widened;
            X = Widen(x, rowsTimesHidden, ref next);
            Y = next;
            next += rowsTimesHidden;
            InputNorm = Widen(w.InputNorm, w.Hidden, ref next);
            PostAttentionNorm = Widen(w.PostAttentionNorm, w.Hidden, ref next);
            QueryNorm = Widen(w.QueryNorm, w.HeadDim, ref next);
            KeyNorm = Widen(w.KeyNorm, w.HeadDim, ref next);
            QkvBias = Widen(w.QkvBias, qkvWidth, ref next);
            OutputBias = Widen(w.OutputBias, w.Hidden, ref next);
            GateUpBias = Widen(w.GateUpBias, 2L * w.Intermediate, ref next);
            DownBias = Widen(w.DownBias, w.Hidden, ref next);
        }

        private static float* Widen(void* source, long count, ref float* next)
        {
            if (source == null) return null;
            float* at = next;
            BFloat16Conversion.ToFloat32((ushort*)source, at, count);
            next += count;
            return at;
        }

        public float* X { get; }
        public float* Y { get; }
        public float* InputNorm { get; }
        public float* PostAttentionNorm { get; }
        public float* QueryNorm { get; }
        public float* KeyNorm { get; }
        public float* QkvBias { get; }
        public float* OutputBias { get; }
        public float* GateUpBias { get; }
        public float* DownBias { get; }
    }

    private static void Normalize(float* x, float* weight, float eps, bool offsetFromOne, float* y, int rows, int width)
    {
        for (int r = 0; r < rows; r++)
        {
            float* xr = x + (long)r * width;
            RowKernels.ScaleByWeight(xr, RowKernels.InverseRms(xr, width, eps), weight, offsetFromOne, y + (long)r * width, width);
        }
    }

    /// <summary>
    /// Row <paramref name="b"/>'s q and k heads: per-head norm (Qwen3), then rotary, in place; then its k and v heads
    /// into the cache at the row's write position (rounded to bf16 for a bf16 cache).
    /// </summary>
    private static void PositionHeads(in DecoderLayerWeights w, in Vectors v, in DecodeStepInputs step, in DecodeCacheSlots cache, float* row, int b, float* head)
    {
        int d = w.HeadDim, heads = w.Heads, kvHeads = w.KvHeads;
        float* cos = step.Cos + (long)b * step.RotaryDim, sin = step.SinSigned + (long)b * step.RotaryDim;
        for (int h = 0; h < heads + kvHeads; h++)
        {
            float* source = row + (long)h * d;
            float* norm = h < heads ? v.QueryNorm : v.KeyNorm;
            if (norm != null) RowKernels.ScaleByWeight(source, RowKernels.InverseRms(source, d, w.QkNormEps), norm, false, source, d);
            Buffer.MemoryCopy(source, head, d * sizeof(float), d * sizeof(float));
            RowKernels.Rotate(head, cos, sin, step.RotaryDim, source, d);
        }
        long slot = cache.WritePosition(b);
        for (int k = 0; k < kvHeads; k++)
        {
            long at = b * cache.RowStride + k * cache.HeadStride + slot * d;
            float* key = row + (long)(heads + k) * d, value = row + (long)(heads + kvHeads + k) * d;
            if (cache.BFloat16)
            {
                BFloat16Conversion.FromFloat32(key, (ushort*)cache.Keys + at, d);
                BFloat16Conversion.FromFloat32(value, (ushort*)cache.Values + at, d);
            }
            else
            {
                Buffer.MemoryCopy(key, (float*)cache.Keys + at, d * sizeof(float), d * sizeof(float));
                Buffer.MemoryCopy(value, (float*)cache.Values + at, d * sizeof(float), d * sizeof(float));
            }
        }
    }

    private static AttentionLayout Layout(in DecoderLayerWeights w, in DecodeStepInputs step, in DecodeCacheSlots cache, float* qkv, int qkvWidth, float* output) => new()
    {
        Batch = step.Batch,
        Heads = w.Heads,
        KvHeads = w.KvHeads,
        HeadDim = w.HeadDim,
        Length = (int)cache.Length,
        Scale = w.Scale,
        SoftCap = w.SoftCap,
        Queries = qkv,
        QueryBatchStride = qkvWidth,
        QueryHeadStride = w.HeadDim,
        Keys = cache.Keys,
        KeyBatchStride = cache.RowStride,
        KeyHeadStride = cache.HeadStride,
        KeyStepStride = w.HeadDim,
        Values = cache.Values,
        BFloat16Cache = cache.BFloat16,
        ValueBatchStride = cache.RowStride,
        ValueHeadStride = cache.HeadStride,
        ValueStepStride = w.HeadDim,
        Blocked = step.Blocked,
        BlockedBatchStride = step.BlockedBatchStride,
        Output = output,
    };

    private static float[] Scratch(long count)
    {
        if (s_scratch is null || s_scratch.Length < count) s_scratch = GC.AllocateUninitializedArray<float>((int)count, pinned: true);
        return s_scratch;
    }
}
