namespace Understudy.Engine.Training;

/// <summary>
/// The hyperparameters of one supervised fine-tuning run on the built-in engine, with step counts already
/// resolved (see <see cref="TrainingPlan"/>). Names follow transformers' <c>TrainingArguments</c>.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Peak AdamW learning rate.</summary>
    public double LearningRate { get; init; } = 2e-4;

    /// <summary>linear, cosine, constant or constant_with_warmup (see <see cref="LearningRateSchedule"/>).</summary>
    public string LrSchedulerType { get; init; } = "cosine";

    /// <summary>Share of the optimizer steps used for warm-up, when <see cref="WarmupSteps"/> is 0.</summary>
    public double WarmupRatio { get; init; }

    /// <summary>Warm-up optimizer steps; overrides <see cref="WarmupRatio"/> when positive.</summary>
    public int WarmupSteps { get; init; }

    /// <summary>Passes over the data (fractional allowed) when <see cref="MaxSteps"/> is not positive.</summary>
    public double NumTrainEpochs { get; init; } = 1;

    /// <summary>Optimizer steps to take; -1 = derive from <see cref="NumTrainEpochs"/>.</summary>
    public int MaxSteps { get; init; } = -1;

    /// <summary>Rows per forward pass in training.</summary>
    public int TrainBatchSize { get; init; } = 4;

    /// <summary>Rows per forward pass in evaluation.</summary>
    public int EvalBatchSize { get; init; } = 4;

    /// <summary>Forward/backward passes per optimizer step.</summary>
    public int GradientAccumulationSteps { get; init; } = 1;

    /// <summary>Global gradient-norm clip; 0 = none.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>Decoupled weight decay for matrices (biases and norm weights get none).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Seed of shuffling and dropout.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Recompute decoder-layer activations in backward (see <see cref="GradientCheckpointing"/>).</summary>
    public bool GradientCheckpointing { get; init; }

    /// <summary>Pack several examples per row up to <see cref="MaxSeqLength"/>.</summary>
    public bool Packing { get; init; }

    /// <summary>Longest row in tokens (examples are already truncated to it).</summary>
    public int MaxSeqLength { get; init; } = 2048;

    /// <summary>Id used for padding (never trained on).</summary>
    public int PadTokenId { get; init; }

    /// <summary>Optimizer steps between train-loss log entries.</summary>
    public int LoggingSteps { get; init; } = 5;

    /// <summary>Evaluate every this many optimizer steps; 0 = not by steps.</summary>
    public int EvalEverySteps { get; init; }

    /// <summary>Evaluate at each epoch's end.</summary>
    public bool EvalAtEpochEnd { get; init; }

    /// <summary>Checkpoint every this many optimizer steps; 0 = not by steps.</summary>
    public int SaveEverySteps { get; init; }

    /// <summary>Checkpoint at each epoch's end.</summary>
    public bool SaveAtEpochEnd { get; init; }

    /// <summary>Checkpoints kept (oldest deleted first); 0 = all.</summary>
    public int SaveTotalLimit { get; init; }

    /// <summary>Folder of the <c>checkpoint-N</c> folders; null = no checkpoints.</summary>
    public string? CheckpointDir { get; init; }

    /// <summary>Continue from the last complete checkpoint in <see cref="CheckpointDir"/> when there is one.</summary>
    public bool ResumeFromCheckpoint { get; init; } = true;
}
