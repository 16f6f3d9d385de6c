using Understudy.Cli.Display;
using Understudy.Core.Runs;

namespace Understudy.Cli.Tests.Display;

public sealed class ProgressTextTests
{
    [Theory]
    [InlineData(120, 500L, 0, "120/500 rows (24.0%)")]
    [InlineData(120, null, 0, "120 rows")]
    [InlineData(1500, 3000L, 2, "1,500/3,000 rows (50.0%), 2 failed")]
    public void Rows_shows_done_total_percentage_and_failures(long done, long? total, long failed, string expected) =>
        Assert.Equal(expected, ProgressText.Rows(new StepProgress(done, total, Failed: failed)));

    [Theory]
    [InlineData(null, "-")]
    [InlineData(3.25, "3.2 rows/s")]
    [InlineData(0.5, "30.0 rows/min")]
    public void FormatRate_switches_to_per_minute_for_slow_steps(double? rate, string expected) =>
        Assert.Equal(expected, ProgressText.FormatRate(rate));

    [Theory]
    [InlineData(12.2, "13s")]
    [InlineData(245, "4m05s")]
    [InlineData(3720, "1h02m")]
    public void FormatDuration_is_compact(double seconds, string expected) =>
        Assert.Equal(expected, ProgressText.FormatDuration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Eta_is_remaining_rows_over_rate() =>
        Assert.Equal(TimeSpan.FromSeconds(40), ProgressText.Eta(new StepProgress(20, 100), rate: 2));

    [Theory]
    [InlineData("0.01234", "$0.0123")]
    [InlineData("1234.5", "$1,234.50")]
    public void Cost_shows_cents_precisely_and_dollars_compactly(string cost, string expected) =>
        Assert.Equal(expected, ProgressText.Cost(decimal.Parse(cost, System.Globalization.CultureInfo.InvariantCulture)));
}
