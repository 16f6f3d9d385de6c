using System.Diagnostics;
using Understudy.Engine.Kernels;
using Understudy.Engine.Models;
using static TorchSharp.torch;

namespace Understudy.Bench.Engine;

/// <summary>
/// The matrix-vector products of one batch-1 decode step and nothing else: every layer's fused q·k·v, o, fused
/// gate·up and down, then the LM head, at the model's real shapes (float32), as weight GB/s next to a plain
/// read-only stream over the same buffers and the same run's triad. The gap between this pass and a whole decode step
/// is the per-step glue (norms, rotary, attention, sampling, op dispatch); the gap between this pass and the stream
/// is the kernel's. Two copies of the weights, one on 2 MB huge pages (as the model loader places them) and one on
/// 4 KB pages, are measured in interleaved rounds so that load from other processes hits every variant alike.
/// </summary>
public static class MatVecPassBench
{
    /// <summary>Prints each variant's best and median GB/s over <paramref name="rounds"/> rounds.</summary>
    public static void Run(ModelConfig config, double triadBytesPerSecond, int threads, int rounds)
    {
        using var noGrad = no_grad();
        var huge = new WeightSet(config, hugePages: true);
        var small = new WeightSet(config, hugePages: false);
        Console.WriteLine($"matvec pass: {config.NumHiddenLayers} layers × (q·k·v, o, gate·up, down) + lm_head = {huge.All.Length} weights, " +
            $"{huge.Bytes / 1e6:F0} MB f32, batch 1, {threads} threads, {rounds} interleaved rounds; weights on huge pages: {huge.Advice}; " +
            $"process AnonHugePages: {AnonHugePages()}");
        (string Name, Func<double> Seconds)[] variants =
        [
            ("our kernels, 2 MB pages", () => huge.Pass((x, w) => SkinnyLinear.Multiply(x, w))),
            ("our kernels, 4 KB pages", () => small.Pass((x, w) => SkinnyLinear.Multiply(x, w))),
            ("  … 16 KB chunks", () => WithChunks(16 << 10, () => small.Pass((x, w) => SkinnyLinear.Multiply(x, w)))),
            ("  … 64 KB chunks", () => WithChunks(64 << 10, () => small.Pass((x, w) => SkinnyLinear.Multiply(x, w)))),
            ("  … 1 MB chunks", () => WithChunks(1 << 20, () => small.Pass((x, w) => SkinnyLinear.Multiply(x, w)))),
            ("libtorch linear, 2 MB pages", () => huge.Pass((x, w) => nn.functional.linear(x, w))),
            ("read-only stream, 2 MB pages", () => huge.Bytes / StreamingRead.BytesPerSecond(huge.Buffers, threads, 1)),
            ("stream in pool calls, 4 KB", () => PooledStream.Seconds(small.Buffers)),
            ("read-only stream, 4 KB pages", () => small.Bytes / StreamingRead.BytesPerSecond(small.Buffers, threads, 1)),
        ];
        foreach (var variant in variants) variant.Seconds();                            // warm-up (JIT, page faults)
        var seconds = variants.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round < rounds; round++)
            for (int i = 0; i < variants.Length; i++) seconds[i].Add(variants[i].Seconds());
        for (int i = 0; i < variants.Length; i++)
        {
            double[] sorted = [.. seconds[i].Order()];
            double best = huge.Bytes / sorted[0], median = huge.Bytes / sorted[sorted.Length / 2];
            Console.WriteLine($"  {variants[i].Name,-30} {1000 * sorted[0],6:F2} ms best = {best / 1e9,5:F1} GB/s ({best / triadBytesPerSecond,4:P0} of triad); " +
                $"median {median / 1e9,5:F1} GB/s ({median / triadBytesPerSecond,4:P0})");
        }
        huge.Dispose();
        small.Dispose();
    }

    /// <summary>Runs <paramref name="pass"/> with the kernel's chunk size set to <paramref name="bytes"/>, then restores it.</summary>
    private static double WithChunks(int bytes, Func<double> pass)
    {
        int saved = MatVecJob.ChunkBytes;
        MatVecJob.ChunkBytes = bytes;
        try
        {
            return pass();
        }
        finally
        {
            MatVecJob.ChunkBytes = saved;
        }
    }

    private static string AnonHugePages() => File.Exists("/proc/self/smaps_rollup")
        ? File.ReadLines("/proc/self/smaps_rollup").FirstOrDefault(l => l.StartsWith("AnonHugePages", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "?"
        : "n/a";

    /// <summary>One batch-1 decode step's weights, in the order a step reads them.</summary>
    private sealed class WeightSet : IDisposable
    {
        private readonly Tensor[][] _layers;
        private readonly Tensor _head, _x, _xAttention, _xIntermediate;

        public WeightSet(ModelConfig config, bool hugePages)
        {
            int hidden = config.HiddenSize, headDim = config.ResolvedHeadDim, heads = config.NumAttentionHeads;
            int kvHeads = config.ResolvedKeyValueHeads, intermediate = config.IntermediateSize;
            var generator = new Generator(7);
            var created = new List<Tensor>();
            using WeightArena? arena = hugePages ? WeightArena.Begin() : null;
            Tensor Weight(long rows, long cols)
            {
                Tensor w = WeightArena.Empty([rows, cols], ScalarType.Float32, CPU).normal_(0, 0.02, generator);
                created.Add(w);
                return w;
            }
            _layers = Enumerable.Range(0, config.NumHiddenLayers).Select(_ => new[]
            {
                Weight((heads + 2L * kvHeads) * headDim, hidden),
                Weight(hidden, (long)heads * headDim),
                Weight(2L * intermediate, hidden),
                Weight(hidden, intermediate),
            }).ToArray();
            _head = Weight(config.VocabSize, hidden);
            All = [.. created];
            Advice = arena is null ? "no" : $"arena of {arena.ReservedBytes / 1e6:F0} MB, {arena.HugePageFailure ?? "huge pages advised"}";
            Bytes = All.Sum(w => w.numel() * 4);
            Buffers = All.Select(w => (Address(w), w.numel())).ToArray();
            _x = randn(1, hidden, generator: generator);
            _xAttention = randn(1, (long)heads * headDim, generator: generator);
            _xIntermediate = randn(1, intermediate, generator: generator);
        }

        public Tensor[] All { get; }
        public long Bytes { get; }
        public (IntPtr, long)[] Buffers { get; }
        public string Advice { get; }

        /// <summary>Seconds for one pass over every weight with <paramref name="multiply"/>.</summary>
        public double Pass(Func<Tensor, Tensor, Tensor> multiply)
        {
            var watch = Stopwatch.StartNew();
            foreach (var layer in _layers)
            {
                multiply(_x, layer[0]).Dispose();
                multiply(_xAttention, layer[1]).Dispose();
                multiply(_x, layer[2]).Dispose();
                multiply(_xIntermediate, layer[3]).Dispose();
            }
            multiply(_x, _head).Dispose();
            return watch.Elapsed.TotalSeconds;
        }

        public void Dispose()
        {
            foreach (var w in All) w.Dispose();
            _x.Dispose();
            _xAttention.Dispose();
            _xIntermediate.Dispose();
        }

        /// <summary>The address of a contiguous CPU tensor's data (libtorch memory, so it stays put after <c>fixed</c>).</summary>
        private static unsafe IntPtr Address(Tensor tensor)
        {
            fixed (byte* data = tensor.bytes) return (IntPtr)data;
        }
    }
}
