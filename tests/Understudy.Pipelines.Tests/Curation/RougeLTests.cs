using Understudy.Pipelines.Curation;

namespace Understudy.Pipelines.Tests.Curation;

public sealed class RougeLTests
{
    [Fact]
    public void LongestCommonSubsequence_counts_words_in_order_not_necessarily_adjacent()
    {
        Assert.Equal(5, RougeL.LongestCommonSubsequence("the cat sat on the mat".Split(' '), "the cat lay on the mat".Split(' ')));
        Assert.Equal(2, RougeL.LongestCommonSubsequence(["a", "b", "c", "d"], ["a", "c", "e"]));
        Assert.Equal(0, RougeL.LongestCommonSubsequence([], ["a"]));
        Assert.Equal(1, RougeL.LongestCommonSubsequence(["b", "a"], ["a", "b"]));
    }

    [Fact]
    public void Score_is_precision_over_candidate_recall_over_reference_and_their_harmonic_mean()
    {
        // LCS("a b c d", "a c e") = "a c" = 2: P = 2/4, R = 2/3, F = 2PR/(P+R) = 4/7.
        var (precision, recall, f) = RougeL.Score("a b c d", "a c e");

        Assert.Equal(0.5, precision, 12);
        Assert.Equal(2.0 / 3, recall, 12);
        Assert.Equal(4.0 / 7, f, 12);
    }

    [Fact]
    public void FMeasure_ignores_case_whitespace_and_punctuation_and_is_zero_without_shared_words()
    {
        Assert.Equal(1.0, RougeL.FMeasure("The printer,   is BROKEN!", "the printer is broken"), 12);
        Assert.Equal(5.0 / 6, RougeL.FMeasure("the cat sat on the mat", "the cat lay on the mat"), 12);
        Assert.Equal(0.0, RougeL.FMeasure("alpha beta", "gamma delta"));
        Assert.Equal(0.0, RougeL.FMeasure("", "gamma delta"));
    }
}
