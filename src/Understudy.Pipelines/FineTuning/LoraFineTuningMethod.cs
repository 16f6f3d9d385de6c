using TorchSharp.Modules;
using Understudy.Engine.Adapters;
using Understudy.Engine.Models;
using Understudy.Engine.Quantization;

namespace Understudy.Pipelines.FineTuning;

/// <summary>
/// LoRA (QLoRA with load_in_8bit/load_in_4bit): the base is frozen (and its linears stored quantized), adapters
/// are attached fresh or loaded from <c>adapter</c>; checkpoints and the result hold the adapter in PEFT format,
/// and with save_merged_model the adapter merged into the full-precision base is written to <c>merged/</c>.
/// </summary>
public sealed class LoraFineTuningMethod : IFineTuningMethod
{
    /// <summary>The subfolder of output_dir holding the merged model.</summary>
    public const string MergedFolderName = "merged";

    private readonly SftConfig _config;
    private readonly string _baseModelFolder;
    private readonly AttachedLora _lora;

    /// <summary>Quantizes (when asked) and attaches the adapters to <paramref name="model"/>.</summary>
    public LoraFineTuningMethod(SftConfig config, CausalLanguageModel model, string baseModelFolder)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(model);
        _config = config;
        _baseModelFolder = baseModelFolder;
        if (QuantizationSettings.FromFlags(config.LoadIn8bit, config.LoadIn4bit) is { } quantization)
            Quantization = WeightQuantizer.QuantizeFrozenLinears(model, quantization);
        if (string.IsNullOrWhiteSpace(config.Adapter))
        {
            var settings = new LoraSettings { Rank = config.LoraR, Alpha = config.LoraAlpha, Dropout = config.LoraDropout, TargetModules = config.LoraTargetModules };
            _lora = LoraAdapters.Attach(model, settings, config.Seed);
        }
        else
        {
            using var adapter = PeftAdapter.Load(config.Adapter);
            _lora = adapter.AttachTo(model);
        }
        _lora.SetTrainingMode(true);
        foreach (var (_, parameter) in _lora.TrainableParameters) parameter.requires_grad = true;
    }

    /// <summary>Bytes of the frozen linears before/after quantization, or null without load_in_8bit/4bit.</summary>
    public QuantizationReport? Quantization { get; }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, Parameter Parameter)> TrainableParameters => _lora.TrainableParameters;

    /// <inheritdoc />
    public void WriteCheckpointFiles(string checkpointDir) => _lora.Save(checkpointDir, _config.ModelNameOrPath);

    /// <inheritdoc />
    public (string? AdapterDir, string? ModelDir) WriteFinal(string outputDir)
    {
        _lora.Save(outputDir, _config.ModelNameOrPath);
        if (!_config.SaveMergedModel) return (outputDir, null);
        string merged = Path.Combine(outputDir, MergedFolderName);
        if (Directory.Exists(merged)) Directory.Delete(merged, recursive: true);
        // Merge into a fresh full-precision base, not into the (possibly quantized) training copy.
        AdapterMerger.MergeToFolder(_baseModelFolder, outputDir, merged, _config.TorchDtype);
        return (outputDir, merged);
    }

    /// <inheritdoc />
    public void Dispose() => _lora.Dispose();
}
