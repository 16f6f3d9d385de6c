using Understudy.Core.Prompts;

namespace Understudy.Core.Tests.Prompts;

public sealed class TemplateSubstitutionTests
{
    private static readonly Dictionary<string, string> Values = new()
    {
        ["instruction"] = "Summarise this.",
        ["topic"] = "summarization",
        ["n"] = "3",
    };

    [Theory]
    [InlineData("Task: $instruction", "Task: Summarise this.")]
    [InlineData("${topic}s and $topic.", "summarizations and summarization.")]
    [InlineData("costs $$5, not $n$$", "costs $5, not 3$")]
    [InlineData("{\"score\": [$n]}", "{\"score\": [3]}")]
    [InlineData("no placeholders", "no placeholders")]
    [InlineData("$instruction$topic", "Summarise this.summarization")]
    public void Substitute_follows_python_string_template(string template, string expected) =>
        Assert.Equal(expected, TemplateSubstitution.Substitute(template, Values));

    [Fact]
    public void Substitute_strict_names_the_template_and_missing_placeholder()
    {
        var error = Assert.Throws<PromptTemplateException>(() =>
            TemplateSubstitution.Substitute("line one\nAnswer: $lm_response", Values, describe: "prompts.toml [eval]"));

        Assert.Equal("prompts.toml [eval]: no value for placeholder '$lm_response' (template line 2); values given: instruction, n, topic", error.Message);
    }

    [Theory]
    [InlineData("price: $5")]
    [InlineData("trailing $")]
    [InlineData("${not valid}")]
    public void Substitute_strict_rejects_a_dollar_that_starts_no_placeholder(string template)
    {
        var error = Assert.Throws<PromptTemplateException>(() => TemplateSubstitution.Substitute(template, Values));
        Assert.Contains("invalid placeholder at line 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$instruction / $missing / ${other} / $5", "Summarise this. / $missing / ${other} / $5")]
    [InlineData("$$missing", "$missing")]
    public void Substitute_safe_leaves_unknown_placeholders_as_written(string template, string expected) =>
        Assert.Equal(expected, TemplateSubstitution.Substitute(template, Values, safe: true));

    [Fact]
    public void Placeholders_lists_distinct_names_in_order_and_skips_escapes() =>
        Assert.Equal(["instruction", "human_response", "topic"],
            TemplateSubstitution.Placeholders("$instruction ${human_response} $$ignored $instruction $topic"));
}
