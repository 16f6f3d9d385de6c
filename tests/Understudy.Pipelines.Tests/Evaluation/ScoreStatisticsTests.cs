using Understudy.Pipelines.Evaluation;

namespace Understudy.Pipelines.Tests.Evaluation;

public sealed class ScoreStatisticsTests
{
    [Fact]
    public void Of_computes_mean_median_sample_std_and_coverage_at_50_and_70()
    {
        var stats = ScoreStatistics.Of([40, 50, 70, 90]);

        Assert.Equal(4, stats.Count);
        Assert.Equal(62.5, stats.Mean, 6);
        Assert.Equal(60, stats.Median, 6);
        Assert.Equal(Math.Sqrt(((22.5 * 22.5) + (12.5 * 12.5) + (7.5 * 7.5) + (27.5 * 27.5)) / 3), stats.StdDev, 6);
        Assert.Equal(0.75, stats.CoverageAt50, 6);
        Assert.Equal(0.5, stats.CoverageAt70, 6);
    }

    [Fact]
    public void Of_an_odd_count_takes_the_middle_score_as_median_and_one_score_has_zero_std()
    {
        Assert.Equal(70, ScoreStatistics.Of([90, 10, 70]).Median);
        Assert.Equal(0, ScoreStatistics.Of([55]).StdDev);
    }

    [Fact]
    public void Of_no_scores_is_empty_with_nan_values()
    {
        var stats = ScoreStatistics.Of([]);

        Assert.Equal(0, stats.Count);
        Assert.True(double.IsNaN(stats.Mean));
    }
}
