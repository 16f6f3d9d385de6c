using Understudy.Core.Datasets.Splitting;

namespace Understudy.Core.Tests.Datasets.Splitting;

public sealed class TrainTestSplitterTests
{
    private static readonly List<(string Id, string Category)> Rows =
        [.. Enumerable.Range(0, 30).Select(i => ($"id{i}", i < 20 ? "big" : "small"))];

    [Fact]
    public void Split_puts_the_rounded_share_in_test_and_keeps_the_original_order()
    {
        var (train, test) = TrainTestSplitter.Split(Rows, row => row.Id, 0.2, seed: 42);

        Assert.Equal(24, train.Count);
        Assert.Equal(6, test.Count);
        Assert.Equal(train.OrderBy(row => int.Parse(row.Id[2..], System.Globalization.CultureInfo.InvariantCulture)), train);
        Assert.Empty(train.Intersect(test));
    }

    [Fact]
    public void Stratified_split_takes_the_share_from_each_category()
    {
        var (_, test) = TrainTestSplitter.Split(Rows, row => row.Id, 0.3, seed: 1, stratumOf: row => row.Category);

        Assert.Equal(6, test.Count(row => row.Category == "big"));
        Assert.Equal(3, test.Count(row => row.Category == "small"));
    }

    [Fact]
    public void A_test_size_of_zero_keeps_every_row_in_train()
    {
        var (train, test) = TrainTestSplitter.Split(Rows, row => row.Id, 0, seed: 1);

        Assert.Equal(30, train.Count);
        Assert.Empty(test);
    }
}
