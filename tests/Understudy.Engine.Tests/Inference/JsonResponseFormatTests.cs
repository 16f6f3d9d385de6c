using Understudy.Engine.Inference;

namespace Understudy.Engine.Tests.Inference;

public class JsonResponseFormatTests
{
    [Theory]
    [InlineData("{\"a\": 1}", true)]
    [InlineData("  [1, {\"b\": \"}\"}] trailing", true)]
    [InlineData("{\"a\": \"\\\"}\"", false)]
    [InlineData("{\"a\": [1, 2}", false)]
    [InlineData("text {}", false)]
    public void IsCompleteValue_tracks_nesting_and_strings(string text, bool complete)
    {
        Assert.Equal(complete, JsonResponseFormat.IsCompleteValue(text));
    }
}
