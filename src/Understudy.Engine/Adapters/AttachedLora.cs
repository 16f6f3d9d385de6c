using TorchSharp.Modules;
using Understudy.Engine.Models;
using Understudy.Engine.Safetensors;
using static TorchSharp.torch;

namespace Understudy.Engine.Adapters;

/// <summary>
/// LoRA adapters attached to a model. Owns the adapter weights. <see cref="MergeIntoBase"/> folds them into the base
/// weights for good; <see cref="Dispose"/> without a merge detaches them and puts the original layers back.
/// </summary>
public sealed class AttachedLora : IDisposable
{
    private readonly CausalLanguageModel _model;
    private readonly List<(LoraTarget Target, LoraLinear Layer)> _layers;
    private bool _detached;

    private AttachedLora(CausalLanguageModel model, LoraSettings settings, List<(LoraTarget, LoraLinear)> layers)
    {
        _model = model;
        Settings = settings;
        _layers = layers;
        TargetModulePaths = layers.Select(l => l.Item1.Path).ToList();
        TrainableParameters = layers
            .SelectMany(l => new[] { ($"{l.Item1.Path}.lora_A.weight", l.Item2.WeightA), ($"{l.Item1.Path}.lora_B.weight", l.Item2.WeightB) })
            .ToList();
    }

    /// <summary>The model the adapters are attached to.</summary>
    public CausalLanguageModel Model => _model;

    /// <summary>The settings the adapters were built with.</summary>
    public LoraSettings Settings { get; }

    /// <summary>The wrapped layers' module paths (e.g. <c>model.layers.0.self_attn.q_proj</c>), in model order.</summary>
    public IReadOnlyList<string> TargetModulePaths { get; }

    /// <summary>
    /// A and B of every wrapped layer, named <c>{module path}.lora_A.weight</c> / <c>.lora_B.weight</c> (the PEFT key
    /// without its <c>base_model.model.</c> prefix). These are the only parameters that require grad.
    /// </summary>
    public IReadOnlyList<(string Name, Parameter Parameter)> TrainableParameters { get; }

    /// <summary>The wrapper layers, in model order.</summary>
    public IReadOnlyList<LoraLinear> Layers => _layers.Select(l => l.Layer).ToList();

    /// <summary>True while dropout on the adapters' input is active.</summary>
    public bool IsTraining { get; private set; }

    internal static AttachedLora Create(CausalLanguageModel model, LoraSettings settings, IReadOnlyList<LoraTarget> targets, long seed)
    {
        if (targets.Count == 0) throw new ArgumentException("No linear layer was selected for LoRA.");
        foreach (var parameter in model.parameters()) parameter.requires_grad_(false);
        using var generator = new Generator((ulong)seed);
        var layers = new List<(LoraTarget, LoraLinear)>(targets.Count);
        try
        {
            foreach (var target in targets)
            {
                var wrapper = new LoraLinear(target.Host.GetProjection(target.SlotName), settings.Rank, settings.Scaling,
                    settings.Dropout, LoraAdapters.AdapterDType);
                wrapper.ResetParameters(generator);
                wrapper.eval();
                target.Host.SetProjection(target.SlotName, wrapper);
                layers.Add((target, wrapper));
            }
        }
        catch
        {
            new AttachedLora(model, settings, layers).Dispose();
            throw;
        }
        return new AttachedLora(model, settings, layers);
    }

    /// <summary>Turns dropout on the adapters' input on (training) or off (evaluation, generation).</summary>
    public void SetTrainingMode(bool training)
    {
        ThrowIfDetached();
        foreach (var (_, layer) in _layers) layer.train(training);
        IsTraining = training;
    }

    /// <summary>
    /// Writes <c>adapter_config.json</c> and <c>adapter_model.safetensors</c> into <paramref name="directory"/> exactly as
    /// PEFT's <c>save_pretrained</c> does, so <c>PeftModel.from_pretrained</c> and vLLM load them.
    /// </summary>
    public void Save(string directory, string baseModelNameOrPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ThrowIfDetached();
        Directory.CreateDirectory(directory);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (target, layer) in _layers)
        {
            tensors[PeftKeys.A(target.Path)] = layer.WeightA;
            tensors[PeftKeys.B(target.Path)] = layer.WeightB;
        }
        SafetensorsWriter.Write(Path.Combine(directory, PeftKeys.WeightsFileName), tensors, new Dictionary<string, string> { ["format"] = "pt" });
        var targetNames = Settings.TargetsAllLinear
            ? _layers.Select(l => l.Target.SlotName).Distinct().Order(StringComparer.Ordinal).ToList()
            : Settings.TargetModules;
        PeftAdapterConfig.From(Settings, targetNames, baseModelNameOrPath).Save(Path.Combine(directory, PeftAdapterConfig.FileName));
    }

    /// <summary>
    /// Adds s·B·A to each wrapped base weight and puts the base layers back (the fused q/k/v and gate/up weights see the
    /// change, so inference keeps its fused path). Wrapped quantized layers become plain float layers. The adapters are
    /// gone afterwards; this object can only be disposed.
    /// </summary>
    public void MergeIntoBase()
    {
        ThrowIfDetached();
        foreach (var (target, layer) in _layers)
        {
            var merged = layer.MergeIntoBase();
            target.Host.SetProjection(target.SlotName, merged);
            if (!ReferenceEquals(merged, layer.BaseLayer)) layer.BaseLayer.Dispose();
        }
        Release();
    }

    /// <summary>Detaches the adapters (unless merged), restoring the original layers, and frees their weights.</summary>
    public void Dispose()
    {
        if (_detached) return;
        foreach (var (target, layer) in _layers) target.Host.SetProjection(target.SlotName, layer.BaseLayer);
        Release();
    }

    private void Release()
    {
        foreach (var (_, layer) in _layers)
        {
            layer.WeightA.Dispose();
            layer.WeightB.Dispose();
        }
        _detached = true;
    }

    private void ThrowIfDetached() => ObjectDisposedException.ThrowIf(_detached, this);
}
