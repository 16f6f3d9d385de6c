using Understudy.Pipelines.Evaluation;

namespace Understudy.Pipelines.Tests.Evaluation;

public sealed class JudgeResponseParserTests
{
    private static string Answer(string similarity, string precision, string reason = "\"close\"") =>
        $$$"""{"similarity_assessment": {"score": {{{similarity}}}, "reason": {{{reason}}}}, "precision_assessment": {"score": {{{precision}}}, "reason": "accurate"}}""";

    [Fact]
    public void Parse_accepts_integer_scores_with_reasons()
    {
        var result = JudgeResponseParser.Parse(Answer("85", "90"));

        Assert.Equal(new JudgeVerdict(85, "close", 90, "accurate"), result.Value);
    }

    [Fact]
    public void Parse_finds_the_object_inside_a_code_fence_and_prose()
    {
        var result = JudgeResponseParser.Parse("Here is my assessment:\n```json\n" + Answer("0", "100") + "\n```\nThanks.");

        Assert.Equal((0, 100), (result.Value!.SimilarityScore, result.Value.PrecisionScore));
    }

    [Theory]
    [InlineData("\"85/100\"", "must be an integer")]
    [InlineData("\"85\"", "must be an integer")]
    [InlineData("85.5", "must be an integer")]
    [InlineData("140", "140 is outside 0-100")]
    [InlineData("-3", "-3 is outside 0-100")]
    [InlineData("null", "must be an integer")]
    public void Parse_rejects_scores_that_are_not_integers_from_0_to_100(string score, string expected)
    {
        var result = JudgeResponseParser.Parse(Answer(score, "90"));

        Assert.Null(result.Value);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Contains("similarity_assessment.score", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    [InlineData("42")]
    public void Parse_rejects_a_missing_or_empty_reason(string reason)
    {
        var result = JudgeResponseParser.Parse(Answer("85", "90", reason));

        Assert.Contains("reason' must be a non-empty string", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "no JSON object")]
    [InlineData("The response is great, 85/100.", "no JSON object")]
    [InlineData("{\"similarity_assessment\": {\"score\": 85, \"reason\": \"x\"}", "invalid JSON")]
    [InlineData("{\"similarity_assessment\": {\"score\": 85, \"reason\": \"x\"}}", "'precision_assessment' object is missing")]
    public void Parse_explains_what_is_wrong_with_a_malformed_answer(string text, string expected)
    {
        var result = JudgeResponseParser.Parse(text);

        Assert.False(result.IsValid);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }
}
