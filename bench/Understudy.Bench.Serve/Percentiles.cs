namespace Understudy.Bench.Serve;

/// <summary>Nearest-rank percentiles.</summary>
internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        int rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>"p50/p90/p99" in milliseconds.</summary>
    public static string Ms(IReadOnlyList<double> values) =>
        $"{Of(values, 50) * 1000,7:F0} /{Of(values, 90) * 1000,7:F0} /{Of(values, 99) * 1000,7:F0}";
}
