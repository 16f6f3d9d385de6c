namespace Understudy.Engine.Training;

/// <summary>A logged train loss: mean per target token over the steps since the previous entry.</summary>
public readonly record struct TrainLossPoint(int Step, double Loss, double LearningRate);

/// <summary>An eval loss: mean per target token over the whole eval set.</summary>
public readonly record struct EvalLossPoint(int Step, double Loss);

/// <summary>What a training run did (resumed steps included in the histories and counts).</summary>
/// <param name="Steps">Optimizer steps done in total.</param>
/// <param name="ResumedFromStep">The checkpoint step this call started from (0 for a fresh run).</param>
/// <param name="TrainLoss">Logged train losses.</param>
/// <param name="EvalLoss">Eval losses.</param>
/// <param name="TokensSeen">Real tokens trained on.</param>
/// <param name="WallTime">Time this call spent.</param>
public sealed record TrainingRunResult(
    int Steps, int ResumedFromStep, IReadOnlyList<TrainLossPoint> TrainLoss, IReadOnlyList<EvalLossPoint> EvalLoss,
    long TokensSeen, TimeSpan WallTime);
