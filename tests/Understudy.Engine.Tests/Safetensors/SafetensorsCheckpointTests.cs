using Understudy.Engine.Safetensors;
using Understudy.Engine.Tests.Support;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Safetensors;

public class SafetensorsCheckpointTests
{
    [Fact]
    public void Sharded_checkpoint_resolves_each_tensor_to_its_shard()
    {
        using var folder = new TempFolder();
        using var a = full(2, 2, 3f);
        using var b = full(5, 7f);
        SafetensorsWriter.Write(folder.File("model-00001-of-00002.safetensors"), new Dictionary<string, Tensor> { ["a"] = a });
        SafetensorsWriter.Write(folder.File("model-00002-of-00002.safetensors"), new Dictionary<string, Tensor> { ["b"] = b });
        File.WriteAllText(folder.File(SafetensorsCheckpoint.IndexFileName),
            "{\"metadata\":{},\"weight_map\":{\"a\":\"model-00001-of-00002.safetensors\",\"b\":\"model-00002-of-00002.safetensors\"}}");

        using var checkpoint = SafetensorsCheckpoint.Open(folder.Path);
        using var readB = checkpoint.Read("b");

        Assert.Equal(2, checkpoint.Files.Count);
        Assert.True(readB.eq(b).all().item<bool>());
        Assert.Equal([2L, 2L], checkpoint.Tensors["a"].Shape);
    }

    [Fact]
    public void Index_naming_a_missing_shard_fails_with_the_shard_name()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File(SafetensorsCheckpoint.IndexFileName), "{\"weight_map\":{\"a\":\"model-00009.safetensors\"}}");

        var error = Assert.Throws<FileNotFoundException>(() => SafetensorsCheckpoint.Open(folder.Path));

        Assert.Contains("model-00009.safetensors", error.Message);
    }

    [Fact]
    public void Folder_without_weights_fails_naming_the_expected_files()
    {
        using var folder = new TempFolder();

        var error = Assert.Throws<FileNotFoundException>(() => SafetensorsCheckpoint.Open(folder.Path));

        Assert.Contains(SafetensorsCheckpoint.SingleFileName, error.Message);
    }
}
