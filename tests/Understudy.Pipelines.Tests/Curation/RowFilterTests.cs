using Understudy.Pipelines.Curation;
using Understudy.Pipelines.Tests.Fakes;

namespace Understudy.Pipelines.Tests.Curation;

public sealed class RowFilterTests
{
    private static CurationRow Row(string prompt, string answer) => CurationRow.From(0, Rows.Coverage(prompt, answer));

    [Fact]
    public void EmptyAnswerRule_removes_whitespace_answers_only()
    {
        var rule = new EmptyAnswerRule();

        Assert.NotNull(rule.Check(Row("q", "  \n ")));
        Assert.Null(rule.Check(Row("q", "0")));
    }

    [Fact]
    public void LengthRule_bounds_are_inclusive_and_zero_means_unbounded()
    {
        var chars = LengthRule.ForPrompt(3, 5, LengthUnit.Chars);
        Assert.NotNull(chars.Check(Row("ab", "x")));
        Assert.Null(chars.Check(Row(" abc ", "x")));
        Assert.Null(chars.Check(Row("abcde", "x")));
        Assert.Equal(6.0, chars.Check(Row("abcdef", "x"))!.Score);

        var words = LengthRule.ForAnswer(2, 0, LengthUnit.Words);
        Assert.NotNull(words.Check(Row("q", "one")));
        Assert.Null(words.Check(Row("q", string.Join(' ', Enumerable.Repeat("w", 10_000)))));
        Assert.Equal(CurationRules.AnswerLength, words.Rule);
    }

    [Theory]
    [InlineData("I'm sorry, but I can't help with that.", true)]
    [InlineData("I am afraid that is not possible.", true)]
    [InlineData("As an AI language model, I do not have opinions.", true)]
    [InlineData("Unfortunately, I cannot assist with that request.", true)]
    [InlineData("{\"team\": \"it\"}", false)]
    [InlineData("Sorry for the wait: restart the printer.", false)]
    public void RefusalRule_with_default_patterns_recognises_refusals(string answer, bool refused) =>
        Assert.Equal(refused, new RefusalRule(RefusalRule.DefaultPatterns).Check(Row("q", answer)) is not null);

    [Fact]
    public void RefusalRule_uses_the_configured_patterns()
    {
        var rule = new RefusalRule(["^nope"]);

        Assert.NotNull(rule.Check(Row("q", "NOPE, not today")));
        Assert.Null(rule.Check(Row("q", "I'm sorry, I can't help")));
    }

    [Theory]
    [InlineData("{\"team\": \"it\"}", true)]
    [InlineData("```json\n{\"team\": \"it\"}\n```", true)]
    [InlineData("[1, 2]", true)]
    [InlineData("{\"team\": \"it\"", false)]
    [InlineData("Sure! {\"team\": \"it\"}", false)]
    [InlineData("{\"a\": 1} {\"b\": 2}", false)]
    [InlineData("", false)]
    public void InvalidJsonRule_keeps_exactly_one_JSON_value_optionally_fenced(string answer, bool valid) =>
        Assert.Equal(valid, new InvalidJsonRule().Check(Row("q", answer)) is null);
}
