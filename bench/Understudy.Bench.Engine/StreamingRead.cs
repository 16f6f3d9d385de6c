using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace Understudy.Bench.Engine;

/// <summary>
/// A plain read-only streaming loop (sum of all floats) over a set of buffers, each split in halves (or in as many
/// parts as threads) that dedicated threads stream without any synchronisation in between: the upper bound of how
/// fast those exact bytes can be read.
/// </summary>
public static unsafe class StreamingRead
{
    /// <summary>Bytes per second of the best of <paramref name="repeats"/> passes over <paramref name="buffers"/> on <paramref name="threads"/> threads.</summary>
    public static double BytesPerSecond(IReadOnlyList<(IntPtr Address, long Floats)> buffers, int threads, int repeats)
    {
        long bytes = buffers.Sum(b => b.Floats) * sizeof(float);
        double best = 0;
        float sink = 0;
        for (int r = 0; r < repeats; r++)
        {
            var sums = new float[threads];
            using var start = new Barrier(threads + 1);
            var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                start.SignalAndWait();
                float total = 0;
                foreach (var (address, floats) in buffers)
                {
                    long part = floats / threads / 16 * 16, from = t * part, to = t == threads - 1 ? floats : from + part;
                    total += Sum((float*)address + from, to - from);
                }
                sums[t] = total;
            })).ToArray();
            foreach (var w in workers) w.Start();
            start.SignalAndWait();
            var watch = Stopwatch.StartNew();
            foreach (var w in workers) w.Join();
            best = Math.Max(best, bytes / watch.Elapsed.TotalSeconds);
            sink += sums.Sum();
        }
        GC.KeepAlive(sink);
        return best;
    }

    /// <summary>The sum of <paramref name="count"/> floats, four vector accumulators: a read-only stream.</summary>
    internal static float Sum(float* x, long count)
    {
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        long i = 0;
        for (; i + 32 <= count; i += 32)
        {
            a0 += Vector256.Load(x + i);
            a1 += Vector256.Load(x + i + 8);
            a2 += Vector256.Load(x + i + 16);
            a3 += Vector256.Load(x + i + 24);
        }
        float sum = Vector256.Sum(a0 + a1 + a2 + a3);
        for (; i < count; i++) sum += x[i];
        return sum;
    }

}
