using Understudy.Core.Hub;

namespace Understudy.Core.Tests.Hub;

public sealed class HubSplitNamesTests
{
    [Theory]
    [InlineData("data/train-00000-of-00002.parquet", "train")]
    [InlineData("data/validation-00003-of-00010.parquet", "validation")]
    [InlineData("default/test/0000.parquet", "test")]
    [InlineData("test.parquet", "test")]
    [InlineData("data/test.parquet", "test")]
    [InlineData("data/part-00000.parquet", "train")]
    [InlineData("0000.parquet", "train")]
    public void FromPath_follows_the_hub_layouts(string path, string split)
    {
        Assert.Equal(split, HubSplitNames.FromPath(path));
    }
}
