using Understudy.Core.Configuration;

namespace Understudy.Core.Tests.Configuration;

public sealed class EnvironmentVariableExpanderTests
{
    private static readonly Dictionary<string, string> Environment = new() { ["HOME_DIR"] = "/home/u", ["MODEL"] = "gpt" };

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("${HOME_DIR}/data", "/home/u/data")]
    [InlineData("${MODEL}-${MODEL}", "gpt-gpt")]
    [InlineData("costs $5 and $${MODEL}", "costs $5 and ${MODEL}")]
    [InlineData("unclosed ${MODEL", "unclosed ${MODEL")]
    public void Expand_replaces_references_and_honours_the_escape(string text, string expected)
    {
        var result = EnvironmentVariableExpander.Expand(text, Environment.GetValueOrDefault, out var missing);
        Assert.Equal(expected, result);
        Assert.Empty(missing);
    }

    [Fact]
    public void Expand_reports_unset_variables()
    {
        EnvironmentVariableExpander.Expand("${NOPE}/x", Environment.GetValueOrDefault, out var missing);
        Assert.Equal(["NOPE"], missing);
    }
}
