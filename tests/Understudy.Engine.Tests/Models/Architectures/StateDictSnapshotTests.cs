using System.Text;
using Understudy.Engine.Models;
using static TorchSharp.torch;

namespace Understudy.Engine.Tests.Models.Architectures;

/// <summary>
/// Builds each family at a published size on the meta device (no weights) and checks its state-dict key/shape map
/// against a snapshot (non-layer keys + layer 0) and its parameter count against the published number.
/// Set UNDERSTUDY_UPDATE_SNAPSHOTS=1 to rewrite the snapshots after an intended change.
/// </summary>
public class StateDictSnapshotTests
{
    public static TheoryData<string> Cases => new(PublishedShapes.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Key_and_shape_map_matches_the_snapshot_and_parameter_count_the_published_one(string name)
    {
        var published = PublishedShapes.All.Single(c => c.Name == name);
        var config = ModelConfig.Parse(published.ConfigJson, name);
        using var model = ModelArchitectures.Create(config, META, ScalarType.BFloat16);
        var stateDict = model.state_dict();

        long parameters = stateDict.Values.Sum(t => t.numel());
        string actual = Render(stateDict);
        string snapshotPath = Path.Combine(AppContext.BaseDirectory, "Models", "Architectures", "Snapshots", name + ".txt");
        if (Environment.GetEnvironmentVariable("UNDERSTUDY_UPDATE_SNAPSHOTS") == "1")
            File.WriteAllText(Path.Combine(SourceFolder(), "Snapshots", name + ".txt"), actual);

        Assert.Equal(published.Parameters, parameters);
        Assert.True(File.Exists(snapshotPath), $"No snapshot for {name}; generated:\n{actual}");
        Assert.Equal(File.ReadAllText(snapshotPath), actual);
        Assert.Equal(config.NumHiddenLayers, stateDict.Keys.Where(k => k.StartsWith("model.layers.", StringComparison.Ordinal))
            .Select(k => k.Split('.')[2]).Distinct().Count());
    }

    private static string Render(Dictionary<string, Tensor> stateDict)
    {
        var text = new StringBuilder();
        foreach (var (key, tensor) in stateDict.Where(kv => !kv.Key.StartsWith("model.layers.", StringComparison.Ordinal) || kv.Key.StartsWith("model.layers.0.", StringComparison.Ordinal))
                     .OrderBy(kv => kv.Key, StringComparer.Ordinal))
            text.Append(key).Append(' ').Append('[').Append(string.Join(", ", tensor.shape)).Append(']').Append('\n');
        return text.ToString();
    }

    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
