using System.Text.Json;
using static TorchSharp.torch;

namespace Understudy.Engine.Safetensors;

/// <summary>
/// A model's weights in a folder: either one <c>model.safetensors</c> or shards listed by
/// <c>model.safetensors.index.json</c>'s <c>weight_map</c>. Tensor names resolve to the shard that holds them.
/// </summary>
public sealed class SafetensorsCheckpoint : IDisposable
{
    /// <summary>File name of a single-file checkpoint.</summary>
    public const string SingleFileName = "model.safetensors";

    /// <summary>File name of a sharded checkpoint's index.</summary>
    public const string IndexFileName = "model.safetensors.index.json";

    private readonly Dictionary<string, SafetensorsFile> _byTensor;
    private readonly List<SafetensorsFile> _files;

    private SafetensorsCheckpoint(List<SafetensorsFile> files, Dictionary<string, SafetensorsFile> byTensor)
    {
        _files = files;
        _byTensor = byTensor;
    }

    /// <summary>Every tensor of the checkpoint, by name.</summary>
    public IReadOnlyDictionary<string, SafetensorsTensorInfo> Tensors =>
        _byTensor.ToDictionary(kv => kv.Key, kv => kv.Value.Tensors[kv.Key]);

    /// <summary>The opened files (one, or one per shard).</summary>
    public IReadOnlyList<SafetensorsFile> Files => _files;

    /// <summary>True when the folder holds a single-file or sharded safetensors checkpoint.</summary>
    public static bool Exists(string folder) =>
        File.Exists(Path.Combine(folder, SingleFileName)) || File.Exists(Path.Combine(folder, IndexFileName));

    /// <summary>Opens the checkpoint in <paramref name="folder"/>.</summary>
    public static SafetensorsCheckpoint Open(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        string single = Path.Combine(folder, SingleFileName);
        if (File.Exists(single))
        {
            var file = SafetensorsFile.Open(single);
            return new SafetensorsCheckpoint([file], file.Tensors.Keys.ToDictionary(k => k, _ => file));
        }
        string index = Path.Combine(folder, IndexFileName);
        if (!File.Exists(index))
            throw new FileNotFoundException($"No weights in {folder}: expected {SingleFileName} or {IndexFileName} (other formats such as pytorch_model.bin are not read).");
        return OpenSharded(folder, index);
    }

    private static SafetensorsCheckpoint OpenSharded(string folder, string index)
    {
        Dictionary<string, string> weightMap;
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(index));
            if (!document.RootElement.TryGetProperty("weight_map", out JsonElement map))
                throw new InvalidDataException($"{index}: no 'weight_map' object.");
            weightMap = map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{index}: not valid JSON ({e.Message}).", e);
        }

        var files = new Dictionary<string, SafetensorsFile>(StringComparer.Ordinal);
        var byTensor = new Dictionary<string, SafetensorsFile>(StringComparer.Ordinal);
        try
        {
            foreach (var (tensor, shard) in weightMap)
            {
                if (!files.TryGetValue(shard, out SafetensorsFile? file))
                {
                    string shardPath = Path.Combine(folder, shard);
                    if (!File.Exists(shardPath)) throw new FileNotFoundException($"{index} names shard '{shard}' but {shardPath} does not exist.", shardPath);
                    files[shard] = file = SafetensorsFile.Open(shardPath);
                }
                if (!file.Tensors.ContainsKey(tensor))
                    throw new InvalidDataException($"{index} maps '{tensor}' to {shard}, which does not contain it.");
                byTensor[tensor] = file;
            }
        }
        catch
        {
            foreach (var f in files.Values) f.Dispose();
            throw;
        }
        return new SafetensorsCheckpoint(files.Values.ToList(), byTensor);
    }

    /// <summary>True when the checkpoint has a tensor of that name.</summary>
    public bool Contains(string name) => _byTensor.ContainsKey(name);

    /// <summary>Reads a tensor into a new CPU tensor, converted to <paramref name="dtype"/> when given.</summary>
    public Tensor Read(string name, ScalarType? dtype = null) => FileOf(name).Read(name, dtype);

    /// <summary>Copies a tensor into <paramref name="destination"/>, checking its shape.</summary>
    public void CopyInto(string name, Tensor destination) => FileOf(name).CopyInto(name, destination);

    private SafetensorsFile FileOf(string name) =>
        _byTensor.TryGetValue(name, out SafetensorsFile? file)
            ? file
            : throw new KeyNotFoundException($"The checkpoint has no tensor named '{name}'.");

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var file in _files) file.Dispose();
    }
}
