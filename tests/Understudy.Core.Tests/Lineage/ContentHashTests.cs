using Understudy.Core.Lineage;

namespace Understudy.Core.Tests.Lineage;

public sealed class ContentHashTests
{
    [Fact]
    public void OfParts_separates_parts_so_shifting_text_between_them_changes_the_hash()
    {
        Assert.NotEqual(ContentHash.OfParts("ab", "c"), ContentHash.OfParts("a", "bc"));
        Assert.Equal(ContentHash.OfParts("a", "b"), ContentHash.OfParts("a", "b"));
        Assert.StartsWith("sha256:", ContentHash.OfParts("x"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfDirectoryAsync_changes_when_a_file_changes_or_is_renamed_and_not_otherwise()
    {
        using var folder = new ScratchFolder();
        File.WriteAllText(folder.Combine("config.json"), "{}");
        File.WriteAllText(folder.Combine("model.safetensors"), "weights");
        string before = await ContentHash.OfDirectoryAsync(folder.Path);

        Assert.Equal(before, await ContentHash.OfDirectoryAsync(folder.Path));
        File.WriteAllText(folder.Combine("model.safetensors"), "weights2");
        string changed = await ContentHash.OfDirectoryAsync(folder.Path);
        File.Move(folder.Combine("model.safetensors"), folder.Combine("other.safetensors"));
        string renamed = await ContentHash.OfDirectoryAsync(folder.Path);

        Assert.NotEqual(before, changed);
        Assert.NotEqual(changed, renamed);
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => ContentHash.OfDirectoryAsync(folder.Combine("missing")));
    }
}
