namespace Understudy.Engine.Training;

/// <summary>A snapshot after an optimizer step.</summary>
/// <param name="Step">Optimizer steps done.</param>
/// <param name="TotalSteps">Optimizer steps of the whole run.</param>
/// <param name="Epoch">Passes over the data done (fractional).</param>
/// <param name="Loss">Mean loss per target token of this step.</param>
/// <param name="LearningRate">Learning rate this step used.</param>
/// <param name="TokensSeen">Real (non-padding) tokens trained on so far, resumed steps included.</param>
/// <param name="TokensPerSecond">Training throughput of this call (resumed steps excluded).</param>
/// <param name="Eta">Time left at that throughput, or null before it is known.</param>
/// <param name="EvalLoss">The latest eval loss, or null before the first evaluation.</param>
public sealed record TrainingProgress(
    int Step, int TotalSteps, double Epoch, double Loss, double LearningRate, long TokensSeen,
    double TokensPerSecond, TimeSpan? Eta, double? EvalLoss);
