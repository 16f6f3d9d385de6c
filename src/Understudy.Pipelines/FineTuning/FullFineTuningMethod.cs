using TorchSharp.Modules;
using Understudy.Engine.Models;
using Understudy.Engine.Training;

namespace Understudy.Pipelines.FineTuning;

/// <summary>Full fine-tuning: every weight trains; the result is a Hugging Face model folder (output_dir itself).</summary>
public sealed class FullFineTuningMethod(CausalLanguageModel model) : IFineTuningMethod
{
    /// <inheritdoc />
    public IReadOnlyList<(string Name, Parameter Parameter)> TrainableParameters { get; } = FullFineTuning.Prepare(model);

    /// <inheritdoc />
    public void WriteCheckpointFiles(string checkpointDir)
    {
        // The checkpoint's trainable.safetensors already holds every weight.
    }

    /// <inheritdoc />
    public (string? AdapterDir, string? ModelDir) WriteFinal(string outputDir)
    {
        CausalLanguageModels.Save(model, outputDir);
        return (null, outputDir);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (_, parameter) in TrainableParameters) parameter.requires_grad = false;
    }
}
