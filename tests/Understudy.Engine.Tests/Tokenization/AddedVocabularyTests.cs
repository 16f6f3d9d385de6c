using Understudy.Engine.Tokenization;

namespace Understudy.Engine.Tests.Tokenization;

public class AddedVocabularyTests
{
    [Fact]
    public void Split_takes_the_longest_token_at_the_leftmost_position()
    {
        var vocabulary = new AddedVocabulary([new AddedToken(1, "<a>", true), new AddedToken(2, "<a><b>", true), new AddedToken(3, "<b>", true)]);

        var segments = vocabulary.SplitRaw("x<a><b>y<b>");

        Assert.Equal(["x", "<a><b>", "y", "<b>"], segments.Select(s => s.Text));
        Assert.Equal([null, 2, null, 3], segments.Select(s => s.Token?.Id));
    }

    [Fact]
    public void Split_swallows_whitespace_on_the_stripped_sides()
    {
        var vocabulary = new AddedVocabulary([new AddedToken(1, "<m>", true, LeftStrip: true, RightStrip: true)]);

        Assert.Equal(["a", "<m>", "b"], vocabulary.SplitRaw("a  <m>  b").Select(s => s.Text));
    }

    [Fact]
    public void Split_matches_a_single_word_token_only_between_word_boundaries()
    {
        var vocabulary = new AddedVocabulary([new AddedToken(1, "cat", false, SingleWord: true)]);

        Assert.Single(vocabulary.SplitRaw("concatenate"));
        Assert.Equal(["a ", "cat", " b"], vocabulary.SplitRaw("a cat b").Select(s => s.Text));
    }

    [Fact]
    public void Normalized_tokens_are_matched_only_after_normalization()
    {
        var vocabulary = new AddedVocabulary([new AddedToken(1, "▁x", false, Normalized: true)]);

        Assert.Single(vocabulary.SplitRaw("▁x"));
        Assert.Equal(1, vocabulary.SplitNormalized("a▁x")[1].Token?.Id);
    }
}
