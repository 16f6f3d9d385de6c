using System.Diagnostics;
using System.Numerics;
using static TorchSharp.torch;

namespace Understudy.Bench.Engine;

/// <summary>STREAM-style triad (a = b + s·c) over arrays far larger than the caches: bytes moved per second.</summary>
public static class MemoryBandwidth
{
    /// <summary>Best of <paramref name="repeats"/> runs of a multi-threaded managed triad, in bytes/s (3 arrays × 4 bytes per element).</summary>
    public static double ManagedTriad(int elements, int repeats)
    {
        var a = new float[elements];
        var b = new float[elements];
        var c = new float[elements];
        Array.Fill(b, 1f);
        Array.Fill(c, 2f);
        int chunks = Environment.ProcessorCount * 4;
        int chunk = (elements / chunks / Vector<float>.Count + 1) * Vector<float>.Count;
        double best = 0;
        for (int r = 0; r < repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            Parallel.For(0, chunks, i =>
            {
                int start = i * chunk, end = Math.Min(elements, start + chunk);
                var s = new Vector<float>(3f);
                int j = start;
                for (; j + Vector<float>.Count <= end; j += Vector<float>.Count)
                    (new Vector<float>(b, j) + s * new Vector<float>(c, j)).CopyTo(a, j);
                for (; j < end; j++) a[j] = b[j] + 3f * c[j];
            });
            best = Math.Max(best, 3.0 * 4 * elements / watch.Elapsed.TotalSeconds);
        }
        return best;
    }

    /// <summary>The same triad as one libtorch op (a = b + 3c, written in place), best of <paramref name="repeats"/>, in bytes/s.</summary>
    public static double TorchTriad(int elements, int repeats)
    {
        using var a = zeros(elements);
        using var b = ones(elements);
        using var c = ones(elements);
        double best = 0;
        for (int r = 0; r < repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            a.copy_(b).add_(c, 3);
            best = Math.Max(best, 3.0 * 4 * elements / watch.Elapsed.TotalSeconds);
        }
        return best;
    }
}
