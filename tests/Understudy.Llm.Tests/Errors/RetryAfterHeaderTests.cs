using Understudy.Llm.Errors;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Errors;

public class RetryAfterHeaderTests
{
    [Theory]
    [InlineData("7", 7)]
    [InlineData("0", 0)]
    [InlineData("1.5", 1.5)]
    public void Parse_reads_delta_seconds(string value, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfterHeader.Parse(value));

    [Fact]
    public void Parse_reads_an_http_date_relative_to_the_clock()
    {
        var clock = new AutoAdvancingTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 0, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(5), RetryAfterHeader.Parse("Wed, 02 Jan 2030 03:04:05 GMT", clock));
    }

    [Fact]
    public void Parse_treats_a_date_in_the_past_as_now()
    {
        var clock = new AutoAdvancingTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 0, TimeSpan.Zero));
        Assert.Equal(TimeSpan.Zero, RetryAfterHeader.Parse("Wed, 02 Jan 2030 03:00:00 GMT", clock));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-3")]
    public void Parse_returns_null_for_absent_or_unreadable_values(string? value) => Assert.Null(RetryAfterHeader.Parse(value));
}
