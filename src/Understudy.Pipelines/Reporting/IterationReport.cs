using Understudy.Pipelines.Curation;

namespace Understudy.Pipelines.Reporting;

/// <summary>What one iteration of the loop measured.</summary>
public sealed record IterationReport
{
    /// <summary>1-based iteration number.</summary>
    public required int Index { get; init; }

    /// <summary>The student's judge scores on the test split; null when it was not evaluated.</summary>
    public ScoreReport? Student { get; init; }

    /// <summary>The teacher's (service LLM's) judge scores on the same split; null when not evaluated.</summary>
    public ScoreReport? Teacher { get; init; }

    /// <summary>Training loss by optimiser step.</summary>
    public IReadOnlyList<LossPoint> TrainingLoss { get; init; } = [];

    /// <summary>Evaluation (held-out) loss by optimiser step.</summary>
    public IReadOnlyList<LossPoint> EvalLoss { get; init; } = [];

    /// <summary>Rows per dataset at this iteration.</summary>
    public DatasetSizes Datasets { get; init; } = new();

    /// <summary>What curation removed in this iteration; null when curation did not run.</summary>
    public CurationReport? Curation { get; init; }

    /// <summary>The lowest-scored student answers, worst first.</summary>
    public IReadOnlyList<WorstAnswer> WorstAnswers { get; init; } = [];

    /// <summary>Wall time of each step of the iteration, in run order.</summary>
    public IReadOnlyList<StepTiming> StepTimes { get; init; } = [];
}
