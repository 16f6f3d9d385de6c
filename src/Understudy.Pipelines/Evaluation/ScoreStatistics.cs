namespace Understudy.Pipelines.Evaluation;

/// <summary>
/// Summary statistics of a set of 0–100 scores: mean, median, sample standard deviation, and coverage@50 /
/// coverage@70 (the share of scores ≥ 50 / ≥ 70, as the LlamaDuo paper reports). NaN when there are no scores.
/// </summary>
public sealed record ScoreStatistics(int Count, double Mean, double Median, double StdDev, double CoverageAt50, double CoverageAt70)
{
    public static ScoreStatistics Empty { get; } = new(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    public static ScoreStatistics Of(IReadOnlyCollection<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0)
        {
            return Empty;
        }
        double[] sorted = [.. scores.Order()];
        int n = sorted.Length;
        double mean = sorted.Average();
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        double std = n > 1 ? Math.Sqrt(sorted.Sum(s => (s - mean) * (s - mean)) / (n - 1)) : 0;
        double coverage50 = sorted.Count(s => s >= 50) / (double)n;
        double coverage70 = sorted.Count(s => s >= 70) / (double)n;
        return new ScoreStatistics(n, mean, median, std, coverage50, coverage70);
    }
}
