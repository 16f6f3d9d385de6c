using Understudy.Engine.Training;

namespace Understudy.Pipelines.FineTuning;

/// <summary>What <see cref="FineTuningPipeline"/> produced (also written to <c>&lt;output_dir&gt;/train_results.json</c>).</summary>
public sealed record FineTuningResult
{
    /// <summary>The run's folder: checkpoints, final model or adapter, train_results.json.</summary>
    public required string OutputDir { get; init; }

    /// <summary>The trained LoRA adapter in PEFT format; null for a full fine-tune.</summary>
    public string? AdapterDir { get; init; }

    /// <summary>A full Hugging Face model folder (the fine-tuned model, or base + adapter merged) that <c>LocalModel.Load</c> serves; null when use_peft runs with save_merged_model: false.</summary>
    public string? ModelDir { get; init; }

    /// <summary>Logged train losses with the learning rate of that step.</summary>
    public IReadOnlyList<TrainLossPoint> TrainLoss { get; init; } = [];

    /// <summary>Eval losses.</summary>
    public IReadOnlyList<EvalLossPoint> EvalLoss { get; init; } = [];

    /// <summary>Real (non-padding) tokens trained on.</summary>
    public long TrainedTokens { get; init; }

    /// <summary>Optimizer steps.</summary>
    public int Steps { get; init; }

    /// <summary>The checkpoint step the run resumed from (0 = from scratch).</summary>
    public int ResumedFromStep { get; init; }

    /// <summary>Wall-clock time of this call.</summary>
    public TimeSpan WallTime { get; init; }

    /// <summary>Examples cut to max_seq_length.</summary>
    public int TruncatedRows { get; init; }

    /// <summary>Training / eval examples used.</summary>
    public int TrainExamples { get; init; }

    /// <summary>Eval examples used.</summary>
    public int EvalExamples { get; init; }

    /// <summary>Trainable parameters (adapter weights, or the whole model).</summary>
    public long TrainableParameters { get; init; }

    /// <summary>Things the user should know (e.g. no eval data found).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
