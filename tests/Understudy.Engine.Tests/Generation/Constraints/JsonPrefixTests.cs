using System.Text.Json;
using Understudy.Engine.Generation.Constraints;

namespace Understudy.Engine.Tests.Generation.Constraints;

public class JsonPrefixTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("{\"category\":\"bug\",\"priority\":null,\"n\":-0.5e+10,\"ok\":true,\"no\":false}")]
    [InlineData("[1, 2.25, 0, -3, 4E2, \"a\\\"b\\\\c\\u00e9\\n\", [], {}, [[{\"x\": [null]}]]]")]
    [InlineData("{\n  \"nested\": {\n    \"list\": [ 1 , 2 ]\n  }\n}\n")]
    [InlineData("{\"émoji 🎉\": \"ünïcode\"}")]
    public void Every_prefix_of_a_valid_document_is_accepted_and_the_whole_is_complete(string document)
    {
        JsonDocument.Parse(document).Dispose();
        var prefix = new JsonPrefix();

        for (int i = 0; i < document.Length; i++)
        {
            Assert.True(prefix.TryAdvance(document[i]), $"rejected at {i} ('{document[i]}') of {document}");
            Assert.Equal(i >= document.TrimEnd().Length - 1, prefix.IsComplete);
        }
    }

    [Theory]
    [InlineData("\"top-level string\"")]
    [InlineData("42")]
    [InlineData("{,")]
    [InlineData("{\"a\" 1")]
    [InlineData("{\"a\":01")]
    [InlineData("{\"a\":1.}")]
    [InlineData("{\"a\":-}")]
    [InlineData("{\"a\":1e}")]
    [InlineData("[1,]")]
    [InlineData("[1 2]")]
    [InlineData("{\"a\":tru }")]
    [InlineData("{\"a\":nul}")]
    [InlineData("{\"a\":1]")]
    [InlineData("[1}")]
    [InlineData("{\"a\":\"line\nbreak\"}")]
    [InlineData("{\"a\":\"\\x\"}")]
    [InlineData("{\"a\":\"\\u12g4\"}")]
    [InlineData("{1:2}")]
    [InlineData("{}x")]
    [InlineData("{} {}")]
    [InlineData("{\"a\":'single'}")]
    public void Text_that_cannot_continue_a_json_value_is_rejected(string text)
    {
        var prefix = new JsonPrefix();

        Assert.False(prefix.TryAdvance(text));
    }

    [Fact]
    public void Whitespace_outside_strings_is_capped_but_not_inside_them()
    {
        var outside = new JsonPrefix();
        var inside = new JsonPrefix();

        Assert.True(outside.TryAdvance("{" + new string(' ', JsonPrefix.MaxWhitespaceRun)));
        Assert.False(outside.TryAdvance(' '));
        Assert.True(inside.TryAdvance("{\"a\":\"" + new string(' ', 10 * JsonPrefix.MaxWhitespaceRun) + "\"}"));
        Assert.True(inside.IsComplete);
    }

    [Fact]
    public void Nesting_deeper_than_the_tracked_depth_is_rejected()
    {
        var prefix = new JsonPrefix();

        Assert.True(prefix.TryAdvance(new string('[', JsonPrefix.MaxDepth)));
        Assert.False(prefix.TryAdvance('['));
    }
}
