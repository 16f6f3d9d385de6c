using Understudy.Pipelines.Curation;

namespace Understudy.Pipelines.Tests.Curation;

public sealed class NgramOverlapIndexTests
{
    [Fact]
    public void BestMatch_is_shared_ngrams_over_the_smaller_ngram_set()
    {
        var index = new NgramOverlapIndex(2);
        index.Add("completely unrelated words here");
        index.Add("a b c d e");      // {ab, bc, cd, de}

        // {xa, ab, bc, cy}: 2 shared of min(4, 4).
        Assert.Equal((1, 0.5), index.BestMatch("x a b c y"));
        // {bc, cd}: both in the test row, contained in it.
        Assert.Equal((1, 1.0), index.BestMatch("B, c. D!"));
    }

    [Fact]
    public void BestMatch_is_minus_one_when_no_reference_shares_an_ngram()
    {
        var index = new NgramOverlapIndex(3);
        index.Add("one two three four");

        Assert.Equal((-1, 0.0), index.BestMatch("five six seven"));
    }
}
