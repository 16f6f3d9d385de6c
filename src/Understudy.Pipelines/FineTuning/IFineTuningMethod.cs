using TorchSharp.Modules;

namespace Understudy.Pipelines.FineTuning;

/// <summary>What is trained and how the result is written: LoRA adapters, or every weight.</summary>
public interface IFineTuningMethod : IDisposable
{
    /// <summary>The parameters the optimizer updates, by unique name.</summary>
    IReadOnlyList<(string Name, Parameter Parameter)> TrainableParameters { get; }

    /// <summary>Writes extra files of a resumable checkpoint into <paramref name="checkpointDir"/> (e.g. the adapter).</summary>
    void WriteCheckpointFiles(string checkpointDir);

    /// <summary>Writes the trained result under <paramref name="outputDir"/>; returns the adapter folder and the full model folder (either may be null).</summary>
    (string? AdapterDir, string? ModelDir) WriteFinal(string outputDir);
}
