using Understudy.Core.Configuration;

namespace Understudy.Core.Tests.Configuration;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("45", 45_000)]
    [InlineData("00:01:30", 90_000)]
    public void TryParse_reads_suffixed_and_clock_durations(string text, double milliseconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(milliseconds, duration.TotalMilliseconds);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5s")]
    [InlineData("5 parsecs")]
    public void TryParse_rejects_non_durations(string text) => Assert.False(DurationParser.TryParse(text, out _));

    [Theory]
    [InlineData(90_000, "90s")]
    [InlineData(300_000, "5m")]
    [InlineData(250, "250ms")]
    public void Format_round_trips_through_TryParse(double milliseconds, string text)
    {
        Assert.Equal(text, DurationParser.Format(TimeSpan.FromMilliseconds(milliseconds)));
        Assert.True(DurationParser.TryParse(text, out var back));
        Assert.Equal(milliseconds, back.TotalMilliseconds);
    }
}
