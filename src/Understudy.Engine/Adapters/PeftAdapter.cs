using Understudy.Engine.Models;
using Understudy.Engine.Safetensors;
using static TorchSharp.torch;

namespace Understudy.Engine.Adapters;

/// <summary>
/// A LoRA adapter read from a folder written by PEFT's <c>save_pretrained</c> (or by <see cref="AttachedLora.Save"/>):
/// <c>adapter_config.json</c> + <c>adapter_model.safetensors</c>. Owns the loaded A/B tensors (CPU, file dtype).
/// </summary>
public sealed class PeftAdapter : IDisposable
{
    private readonly Dictionary<string, (Tensor A, Tensor B)> _weights;

    private PeftAdapter(string directory, PeftAdapterConfig config, Dictionary<string, (Tensor, Tensor)> weights)
    {
        Directory = directory;
        Config = config;
        _weights = weights;
    }

    /// <summary>The folder the adapter was read from.</summary>
    public string Directory { get; }

    /// <summary>The parsed adapter_config.json.</summary>
    public PeftAdapterConfig Config { get; }

    /// <summary>The adapted module paths (e.g. <c>model.layers.0.self_attn.q_proj</c>), sorted.</summary>
    public IReadOnlyList<string> ModulePaths => _weights.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>A [r, in] and B [out, r] of one adapted module.</summary>
    public (Tensor A, Tensor B) WeightsOf(string modulePath) => _weights[modulePath];

    /// <summary>Reads and checks the folder (only safetensors weights are read; pickle <c>.bin</c> files are refused).</summary>
    public static PeftAdapter Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!System.IO.Directory.Exists(directory)) throw new DirectoryNotFoundException($"Adapter folder not found: {directory}");
        var config = PeftAdapterConfig.Load(Path.Combine(directory, PeftAdapterConfig.FileName));
        string weightsPath = Path.Combine(directory, PeftKeys.WeightsFileName);
        if (!File.Exists(weightsPath))
        {
            string hint = File.Exists(Path.Combine(directory, "adapter_model.bin"))
                ? " The folder has adapter_model.bin (a pickle file), which is not read: re-save it with save_pretrained(safe_serialization=True)."
                : "";
            throw new FileNotFoundException($"No {PeftKeys.WeightsFileName} in {directory}.{hint}", weightsPath);
        }
        return new PeftAdapter(directory, config, ReadWeights(weightsPath, config));
    }

    private static Dictionary<string, (Tensor, Tensor)> ReadWeights(string path, PeftAdapterConfig config)
    {
        using var file = SafetensorsFile.Open(path);
        var a = new Dictionary<string, string>(StringComparer.Ordinal);
        var b = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in file.Tensors.Keys)
        {
            if (!PeftKeys.TryParse(key, out string module, out bool isA))
                throw new InvalidDataException(
                    $"{path}: unexpected tensor '{key}'. A LoRA adapter holds only 'base_model.model.<module>.lora_A.weight' " +
                    "and '.lora_B.weight' keys (trained biases, embeddings or DoRA magnitudes are not supported).");
            (isA ? a : b)[module] = key;
        }
        if (a.Count == 0) throw new InvalidDataException($"{path}: holds no lora_A/lora_B tensors.");
        foreach (var module in a.Keys.Except(b.Keys)) throw new InvalidDataException($"{path}: '{a[module]}' has no matching '{PeftKeys.B(module)}'.");
        foreach (var module in b.Keys.Except(a.Keys)) throw new InvalidDataException($"{path}: '{b[module]}' has no matching '{PeftKeys.A(module)}'.");

        var weights = new Dictionary<string, (Tensor, Tensor)>(StringComparer.Ordinal);
        try
        {
            foreach (var (module, keyA) in a)
            {
                var infoA = file.Tensors[keyA];
                var infoB = file.Tensors[b[module]];
                if (infoA.Shape.Length != 2 || infoB.Shape.Length != 2 || infoA.Shape[0] != config.R || infoB.Shape[1] != config.R)
                    throw new InvalidDataException(
                        $"{path}: '{keyA}' is [{string.Join(", ", infoA.Shape)}] and '{b[module]}' is [{string.Join(", ", infoB.Shape)}]; " +
                        $"with r = {config.R} (adapter_config.json) they must be [{config.R}, in] and [out, {config.R}].");
                weights[module] = (file.Read(keyA), file.Read(b[module]));
            }
        }
        catch
        {
            foreach (var (ta, tb) in weights.Values) { ta.Dispose(); tb.Dispose(); }
            throw;
        }
        return weights;
    }

    /// <summary>
    /// Attaches this adapter to <paramref name="model"/> (freezing the base) and copies its weights in, so generation
    /// or further training starts from it. Fails naming the key and file when the adapter does not fit the model:
    /// a module the model lacks, a module target_modules selects that the file has no weights for, or a shape mismatch.
    /// </summary>
    public AttachedLora AttachTo(CausalLanguageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        string file = Path.Combine(Directory, PeftKeys.WeightsFileName);
        var all = LoraTargets.All(model);
        var byPath = all.ToDictionary(t => t.Path, StringComparer.Ordinal);
        foreach (var module in _weights.Keys.Where(m => !byPath.ContainsKey(m)))
            throw new InvalidDataException(
                $"{file}: '{PeftKeys.A(module)}' adapts '{module}', which this {model.Config.ModelType} model " +
                $"({model.Config.NumHiddenLayers} layers) does not have. Is base_model_name_or_path '{Config.BaseModelNameOrPath}' the model you loaded?");
        var selected = Config.TargetModules is { } names
            ? all.Where(t => names.Any(n => LoraTargets.Matches(t.Path, n))).ToList()
            : LoraTargets.SelectByPattern(model, Config.TargetModulesPattern!).ToList();
        foreach (var target in selected.Where(t => !_weights.ContainsKey(t.Path)))
            throw new InvalidDataException(
                $"{file}: no '{PeftKeys.A(target.Path)}', but target_modules in {PeftAdapterConfig.FileName} selects '{target.Path}'.");
        var targets = all.Where(t => _weights.ContainsKey(t.Path)).ToList();
        var settings = Config.ToSettings();
        var attached = AttachedLora.Create(model, settings, targets, seed: 0);
        try
        {
            using var noGrad = no_grad();
            foreach (var layer in attached.Layers.Zip(targets))
            {
                var (a, b) = _weights[layer.Second.Path];
                CopyChecked(a, layer.First.WeightA, PeftKeys.A(layer.Second.Path), file);
                CopyChecked(b, layer.First.WeightB, PeftKeys.B(layer.Second.Path), file);
            }
        }
        catch
        {
            attached.Dispose();
            throw;
        }
        return attached;
    }

    private static void CopyChecked(Tensor source, Tensor destination, string key, string file)
    {
        if (!source.shape.SequenceEqual(destination.shape))
            throw new InvalidDataException(
                $"{file}: '{key}' is [{string.Join(", ", source.shape)}] but the base model's layer needs " +
                $"[{string.Join(", ", destination.shape)}]. The adapter was trained on a different base model.");
        destination.copy_(source);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (a, b) in _weights.Values)
        {
            a.Dispose();
            b.Dispose();
        }
        _weights.Clear();
    }
}
