using Understudy.Engine.ChatTemplates;

namespace Understudy.Engine.Tests.ChatTemplates;

public class TemplateErrorTests
{
    [Fact]
    public void Raise_exception_surfaces_the_template_message_unchanged()
    {
        ChatTemplate template = ChatTemplate.Parse("line one\n{% if messages[0].role == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}");
        var error = Assert.Throws<TemplateRaisedException>(() => template.Render([ChatTemplateMessage.System("x")], false));
        Assert.Equal("System role not supported", error.Message);
        Assert.Equal(2, error.RaisedAtLine);
    }

    [Theory]
    [InlineData("a\n{% include 'x' %}", 2, "'include'")]
    [InlineData("{% if true %}never closed", 1, "endif")]
    [InlineData("{{ 1 + }}", 1, "unexpected")]
    [InlineData("ok\n  {{ 'unterminated }}", 2, "never closed")]
    [InlineData("{% for x in y %}{% endif %}", 1, "endif")]
    public void Unsupported_or_broken_syntax_fails_at_parse_time_with_line_and_column(string source, int line, string mention)
    {
        var error = Assert.Throws<ChatTemplateException>(() => ChatTemplate.Parse(source));
        Assert.Equal(line, error.Line);
        Assert.True(error.Column > 0);
        Assert.Contains(mention, error.Message);
    }

    [Theory]
    [InlineData("{{ 'a' + 1 }}", "can only concatenate str")]
    [InlineData("{{ x.y.z }}", "has no attribute 'y'")]
    [InlineData("{{ nothing + 'a' }}", "'nothing' is undefined")]
    [InlineData("{{ [1].append(2) }}", "immutable sandbox")]
    [InlineData("{{ 1 | nosuchfilter }}", "no filter named 'nosuchfilter'")]
    public void Runtime_errors_name_the_problem_and_position(string source, string mention)
    {
        ChatTemplate template = ChatTemplate.Parse("\n" + source);
        var error = Assert.Throws<ChatTemplateException>(() => template.Render([], false, extraVariables: new Dictionary<string, object?> { ["x"] = new Dictionary<string, object?>() }));
        Assert.Contains(mention, error.Message);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Values_that_are_not_plain_data_are_rejected_when_passed_in()
    {
        var error = Assert.Throws<ArgumentException>(() => ChatTemplate.Parse("x").Render([], false, extraVariables: new Dictionary<string, object?> { ["when"] = DateTime.Now }));
        Assert.Contains("DateTime", error.Message);
    }
}
