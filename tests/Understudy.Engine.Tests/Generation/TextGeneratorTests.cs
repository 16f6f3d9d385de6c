using Understudy.Engine.Generation;
using Understudy.Engine.Tests.Support;

namespace Understudy.Engine.Tests.Generation;

public class TextGeneratorTests
{
    private static readonly GenerationOptions Greedy = new() { MaxNewTokens = 24 };

    [Fact]
    public void Text_is_decoded_from_generated_ids_and_streams_in_full()
    {
        using var model = TinyLocalModels.Create();
        var pieces = new List<string>();

        var result = model.Text.Generate([new TextGenerationRequest("hello", Greedy) { OnText = pieces.Add }])[0];

        Assert.Equal(model.Tokenizer.Decode(result.TokenIds), result.Text);
        Assert.Equal(result.Text, string.Concat(pieces));
        Assert.Equal(6, result.PromptTokenCount);
    }

    [Fact]
    public void Stop_string_ends_generation_and_is_cut_from_text_and_stream()
    {
        using var model = TinyLocalModels.Create();
        string free = model.Text.Generate([new TextGenerationRequest("hello", Greedy)])[0].Text;
        string stop = free.Substring(5, 2);
        int cut = free.IndexOf(stop, StringComparison.Ordinal);
        var pieces = new List<string>();

        var result = model.Text.Generate([new TextGenerationRequest("hello", Greedy with { StopStrings = [stop] }) { OnText = pieces.Add }])[0];

        Assert.Equal(GenerationFinishReason.StopSequence, result.FinishReason);
        Assert.Equal(free[..cut], result.Text);
        Assert.Equal(free[..cut], string.Concat(pieces));
        Assert.Equal(cut + stop.Length, result.TokenIds.Count);
    }

    [Fact]
    public void StopWhen_ends_generation_when_the_text_satisfies_it()
    {
        using var model = TinyLocalModels.Create();

        var result = model.Text.Generate([new TextGenerationRequest("hello", Greedy) { StopWhen = text => text.Length >= 4 }])[0];

        Assert.Equal(GenerationFinishReason.StopSequence, result.FinishReason);
        Assert.Equal(4, result.Text.Length);
    }

    [Fact]
    public void Requests_in_one_batch_keep_their_own_options()
    {
        using var model = TinyLocalModels.Create();

        var results = model.Text.Generate([
            new TextGenerationRequest("ab", Greedy with { MaxNewTokens = 3 }),
            new TextGenerationRequest("a longer prompt", Greedy with { MaxNewTokens = 7 }),
        ]);

        Assert.Equal(3, results[0].TokenIds.Count);
        Assert.Equal(7, results[1].TokenIds.Count);
    }
}
