using System.Diagnostics;
using Understudy.Engine.Kernels;

namespace Understudy.Bench.Engine;

/// <summary>
/// The fixed cost of one parallel kernel call: <see cref="KernelWorkerPool"/> runs a job of empty chunks (one per
/// thread) many times; a decode step of SmolLM2-135M makes five such calls per layer, 150 per token.
/// </summary>
public static class HandOffBench
{
    /// <summary>Prints the median microseconds per call over <paramref name="rounds"/> rounds of <paramref name="calls"/> calls.</summary>
    public static void Run(int calls = 20_000, int rounds = 7)
    {
        var pool = KernelWorkerPool.Shared;
        var perCall = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < calls; i++) pool.Run(new EmptyJob(pool.ThreadCount));
            perCall.Add(watch.Elapsed.TotalMicroseconds / calls);
        }
        perCall.Sort();
        Console.WriteLine($"kernel pool hand-off ({pool.ThreadCount} threads, empty chunks): median {perCall[rounds / 2]:F2} µs per call, best {perCall[0]:F2} µs");
    }

    private sealed class EmptyJob : KernelJob
    {
        public EmptyJob(int chunks) => ChunkCount = chunks;

        protected override void Execute(int chunk) { }
    }
}
