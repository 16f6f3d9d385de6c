using Understudy.Pipelines.Curation;

namespace Understudy.Pipelines.Tests.Curation;

public sealed class TextNormaliserTests
{
    [Theory]
    [InlineData("Hello,   World!", "hello world")]
    [InlineData("  tabs\tand\nnewlines  ", "tabs and newlines")]
    [InlineData("ＦＵＬＬ width", "full width")]
    [InlineData("don't-stop", "don t stop")]
    [InlineData("?!", "")]
    public void Normalise_folds_case_width_punctuation_and_whitespace(string text, string expected) =>
        Assert.Equal(expected, TextNormaliser.Normalise(text));

    [Fact]
    public void Shingles_are_word_or_character_ngrams_of_the_normalised_text()
    {
        Assert.Equal(["a b", "b c", "c d"], new Shingler(ShingleUnit.Word, 2).Shingles("A b, c d").Order());
        Assert.Equal(["abc", "bcd"], new Shingler(ShingleUnit.Char, 3).Shingles("ABCD").Order());
        Assert.Equal(["two words"], new Shingler(ShingleUnit.Word, 5).Shingles("two words"));
        Assert.Empty(new Shingler(ShingleUnit.Word, 2).Shingles(" ... "));
    }

    [Fact]
    public void Shingles_are_a_set_so_repeats_count_once()
    {
        Assert.Equal(["a a"], new Shingler(ShingleUnit.Word, 2).Shingles("a a a a"));
    }
}
