using Understudy.Core.Configuration;

namespace Understudy.Core.Tests.Configuration;

public sealed class KeySuggesterTests
{
    [Theory]
    [InlineData("eval_repet", "eval_repeat", 1)]
    [InlineData("eval_rpeeat", "eval_repeat", 1)]
    [InlineData("ab", "ba", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("Seed", "seed", 0)]
    public void Distance_counts_edits_with_adjacent_transpositions_as_one(string a, string b, int expected) =>
        Assert.Equal(expected, KeySuggester.Distance(a, b));

    [Theory]
    [InlineData("eval_repet", "eval_repeat")]
    [InlineData("num_sample", "num_samples")]
    [InlineData("inferecne_bs", "inference_bs")]
    [InlineData("completely_unrelated_name", null)]
    public void Nearest_suggests_only_plausible_typos(string misspelled, string? expected) =>
        Assert.Equal(expected, KeySuggester.Nearest(misspelled, ["eval_repeat", "num_samples", "inference_bs", "seed"]));
}
