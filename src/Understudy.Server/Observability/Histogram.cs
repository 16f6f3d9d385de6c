using System.Globalization;

namespace Understudy.Server.Observability;

/// <summary>A Prometheus histogram: cumulative counts per upper bound, a sum and a count. Thread-safe.</summary>
public sealed class Histogram(string name, string help, IReadOnlyList<double> upperBounds)
{
    private readonly long[] _counts = new long[upperBounds.Count + 1];
    private readonly Lock _gate = new();
    private double _sum;
    private long _count;

    /// <summary>Seconds from 1 ms to 60 s, roughly ×2.5 apart.</summary>
    public static readonly IReadOnlyList<double> LatencyBounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <summary>Observations so far.</summary>
    public long Count
    {
        get { lock (_gate) return _count; }
    }

    /// <summary>Records one value.</summary>
    public void Observe(double value)
    {
        int bucket = 0;
        while (bucket < upperBounds.Count && value > upperBounds[bucket]) bucket++;
        lock (_gate)
        {
            _counts[bucket]++;
            _sum += value;
            _count++;
        }
    }

    /// <summary>Writes the histogram in the Prometheus text format.</summary>
    public void WriteTo(TextWriter writer)
    {
        long[] counts;
        double sum;
        long count;
        lock (_gate)
        {
            counts = (long[])_counts.Clone();
            sum = _sum;
            count = _count;
        }
        writer.Write($"# HELP {name} {help}\n# TYPE {name} histogram\n");
        long cumulative = 0;
        for (int i = 0; i < upperBounds.Count; i++)
        {
            cumulative += counts[i];
            writer.Write($"{name}_bucket{{le=\"{upperBounds[i].ToString(CultureInfo.InvariantCulture)}\"}} {cumulative}\n");
        }
        writer.Write($"{name}_bucket{{le=\"+Inf\"}} {count}\n");
        writer.Write($"{name}_sum {sum.ToString("R", CultureInfo.InvariantCulture)}\n{name}_count {count}\n");
    }
}
