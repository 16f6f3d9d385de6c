using System.Diagnostics;

namespace Understudy.Server.Observability;

/// <summary>Generated tokens per second over a sliding window of whole seconds. Thread-safe.</summary>
internal sealed class TokenRate(int windowSeconds = 10)
{
    private readonly long[] _buckets = new long[windowSeconds];
    private readonly long[] _bucketSecond = new long[windowSeconds];
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Add(long tokens)
    {
        long second = (long)_clock.Elapsed.TotalSeconds;
        int slot = (int)(second % windowSeconds);
        lock (_gate)
        {
            if (_bucketSecond[slot] != second) { _bucketSecond[slot] = second; _buckets[slot] = 0; }
            _buckets[slot] += tokens;
        }
    }

    /// <summary>Tokens per second over the last complete window (the current second excluded).</summary>
    public double PerSecond()
    {
        long now = (long)_clock.Elapsed.TotalSeconds;
        long total = 0;
        lock (_gate)
        {
            for (int i = 0; i < windowSeconds; i++)
                if (_bucketSecond[i] < now && _bucketSecond[i] >= now - windowSeconds) total += _buckets[i];
        }
        return total / (double)Math.Max(1, Math.Min(windowSeconds, now));
    }
}
