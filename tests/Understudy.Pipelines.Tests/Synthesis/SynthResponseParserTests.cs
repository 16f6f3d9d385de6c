using Understudy.Pipelines.Synthesis;

namespace Understudy.Pipelines.Tests.Synthesis;

public sealed class SynthResponseParserTests
{
    [Fact]
    public void Parse_keeps_valid_pairs_and_counts_the_entries_missing_a_field()
    {
        var result = SynthResponseParser.Parse("""
            ```json
            {"contents": [{"instruction": "a", "response": "b"}, {"instruction": "c"}, {"instruction": " d ", "response": "e"}, 7]}
            ```
            """);

        Assert.Equal([new SynthPair("a", "b"), new SynthPair("d", "e")], result.Value!.Pairs);
        Assert.Equal(2, result.Value.InvalidPairs);
        Assert.Contains("contents[1]", result.Value.FirstInvalidReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no json here", "no JSON object")]
    [InlineData("{\"pairs\": []}", "'contents' array is missing")]
    [InlineData("{\"contents\": []}", "'contents' is empty")]
    [InlineData("{\"contents\": [{\"instruction\": \"\", \"response\": \"x\"}]}", "contents[0] needs")]
    [InlineData("{\"contents\": [{\"instruction\": \"a\", }]}", "invalid JSON")]
    public void Parse_rejects_an_answer_without_a_usable_pair(string text, string expected)
    {
        var result = SynthResponseParser.Parse(text);

        Assert.False(result.IsValid);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }
}
