using Understudy.Pipelines.Curation;

namespace Understudy.Pipelines.Tests.Curation;

public sealed class LshTests
{
    [Fact]
    public void CandidateProbability_is_one_minus_the_chance_that_no_band_matches()
    {
        var lsh = new LshParameters(Bands: 2, Rows: 2);

        // 1 − (1 − 0.5²)² = 1 − 0.75² = 0.4375.
        Assert.Equal(0.4375, lsh.CandidateProbability(0.5), 12);
        Assert.Equal(1.0, lsh.CandidateProbability(1.0), 12);
        Assert.Equal(0.0, lsh.CandidateProbability(0.0), 12);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.7)]
    [InlineData(0.9)]
    public void ForThreshold_puts_the_steep_part_of_the_S_curve_at_the_threshold(double threshold)
    {
        LshParameters lsh = LshParameters.ForThreshold(threshold, 128);

        Assert.True(lsh.Bands * lsh.Rows <= 128);
        Assert.True(lsh.CandidateProbability(Math.Min(1, threshold + 0.1)) > 0.8, $"{lsh} misses pairs above the threshold");
        Assert.True(lsh.CandidateProbability(threshold - 0.3) < 0.2, $"{lsh} proposes pairs well below the threshold");
    }

    [Fact]
    public void ForThreshold_with_a_recall_weight_misses_fewer_pairs_above_the_threshold()
    {
        LshParameters balanced = LshParameters.ForThreshold(0.7, 128);
        LshParameters recall = LshParameters.ForThreshold(0.7, 128, falseNegativeWeight: 0.9);

        Assert.True(recall.CandidateProbability(0.75) > balanced.CandidateProbability(0.75));
        Assert.True(recall.CandidateProbability(0.75) > 0.95, recall.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => LshParameters.ForThreshold(0.7, 128, falseNegativeWeight: 1));
    }

    [Fact]
    public void From_uses_explicit_bands_and_derives_rows_from_the_signature_length()
    {
        Assert.Equal(new LshParameters(16, 8), LshParameters.From(16, 0, 0.7, 128));
        Assert.Equal(new LshParameters(10, 5), LshParameters.From(10, 5, 0.7, 128));
        Assert.Equal(LshParameters.ForThreshold(0.7, 128, LshParameters.RecallWeight), LshParameters.From(0, 0, 0.7, 128));
    }

    [Fact]
    public void Candidates_are_the_items_sharing_at_least_one_whole_band()
    {
        var index = new LshIndex(new LshParameters(Bands: 2, Rows: 2));
        index.Add(1, [1, 2, 3, 4]);
        index.Add(2, [1, 2, 7, 8]);   // band 0 equal to item 1's
        index.Add(3, [1, 9, 3, 9]);   // no band equal: shares positions, not a whole band

        Assert.Equal([1, 2], index.Candidates([1, 2, 5, 6]));
        Assert.Equal([1], index.Candidates([0, 0, 3, 4]));
        Assert.Empty(index.Candidates([1, 0, 3, 0]));
        Assert.Equal(3, index.Count);
    }

    [Fact]
    public void Candidates_refuses_a_signature_too_short_for_the_bands()
    {
        var index = new LshIndex(new LshParameters(4, 4));

        Assert.Throws<ArgumentException>(() => index.Candidates([1, 2, 3]));
    }
}
