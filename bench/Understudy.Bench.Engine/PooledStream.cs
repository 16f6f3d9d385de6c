using Understudy.Engine.Kernels;

namespace Understudy.Bench.Engine;

/// <summary>
/// The read-only stream (sum of all floats) cut and dealt exactly as <see cref="SkinnyLinear"/> cuts a call: one
/// <see cref="KernelWorkerPool"/> call per weight, chunks of <see cref="MatVecJob.ChunkBytes"/>, per-thread runs with
/// stealing. Between the plain stream (no calls, no chunks) and our kernel (the same calls plus the multiply-adds), it
/// splits the kernel's gap into what the call structure costs and what the arithmetic costs.
/// </summary>
public static unsafe class PooledStream
{
    /// <summary>Seconds for one pass over <paramref name="buffers"/>, one pool call per buffer.</summary>
    public static double Seconds(IReadOnlyList<(IntPtr Address, long Floats)> buffers)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        float sink = 0;
        foreach (var (address, floats) in buffers)
        {
            var job = new SumJob((float*)address, floats);
            KernelWorkerPool.Shared.Run(job);
            sink += job.Total;
        }
        GC.KeepAlive(sink);
        return watch.Elapsed.TotalSeconds;
    }

    private sealed class SumJob : KernelJob
    {
        private readonly float* _data;
        private readonly long _floats;
        private readonly long _chunkFloats;
        private float _total;

        public SumJob(float* data, long floats)
        {
            _data = data;
            _floats = floats;
            _chunkFloats = MatVecJob.ChunkBytes / sizeof(float);
            ChunkCount = (int)((floats + _chunkFloats - 1) / _chunkFloats);
        }

        public float Total => _total;

        protected override void Execute(int chunk)
        {
            long start = chunk * _chunkFloats, count = Math.Min(_chunkFloats, _floats - start);
            float sum = StreamingRead.Sum(_data + start, count);
            _total += sum;   // a data race between threads is harmless: the value only keeps the loads alive
        }
    }
}
