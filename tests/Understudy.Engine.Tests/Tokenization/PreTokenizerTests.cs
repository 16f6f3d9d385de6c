using Understudy.Engine.Tokenization.PreTokenizers;

namespace Understudy.Engine.Tests.Tokenization;

public class PreTokenizerTests
{
    [Theory]
    [InlineData(SplitBehavior.Isolated, "a|-|b|-|-|c")]
    [InlineData(SplitBehavior.Removed, "a|b|c")]
    [InlineData(SplitBehavior.MergedWithPrevious, "a-|b-|-|c")]
    [InlineData(SplitBehavior.MergedWithNext, "a|-b|-|-c")]
    [InlineData(SplitBehavior.Contiguous, "a|-|b|--|c")]
    public void Split_places_delimiters_as_its_behaviour_says(SplitBehavior behavior, string expected)
    {
        var split = SplitPreTokenizer.Literal("-", behavior, invert: false);
        Assert.Equal(expected, string.Join('|', split.Split("a-b--c", isStartOfText: true)));
    }

    [Fact]
    public void Digits_are_isolated_one_by_one_or_as_runs()
    {
        Assert.Equal(["abc", "1", "2", "3", "d"], new DigitsPreTokenizer(individualDigits: true).Split("abc123d", true));
        Assert.Equal(["abc", "123", "d"], new DigitsPreTokenizer(individualDigits: false).Split("abc123d", true));
    }

    [Fact]
    public void Metaspace_replaces_spaces_and_prepends_only_at_the_start_with_the_first_scheme()
    {
        var metaspace = new MetaspacePreTokenizer('▁', "first", split: true);
        Assert.Equal(["▁hello", "▁world"], metaspace.Split("hello world", isStartOfText: true));
        Assert.Equal(["hello", "▁world"], metaspace.Split("hello world", isStartOfText: false));
    }

    [Fact]
    public void Byte_level_maps_bytes_to_the_visible_alphabet_with_the_gpt2_word_split()
    {
        var byteLevel = new ByteLevelPreTokenizer(addPrefixSpace: true, useRegex: true);
        Assert.Equal(["Ġhello", "Ġworld", "!"], byteLevel.Split("hello world!", true));
    }
}
