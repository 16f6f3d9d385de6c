using Understudy.Pipelines.Evaluation;

namespace Understudy.Pipelines.Reporting;

/// <summary>
/// One model's judge scores (0–100) in one iteration: every similarity and precision score (the distribution the
/// report plots) and whether the model passed the thresholds. Statistics are computed from the lists.
/// </summary>
public sealed record ScoreReport
{
    /// <summary>The model id as the run knew it.</summary>
    public required string Model { get; init; }

    /// <summary>Every similarity score given (one per answer and repeat).</summary>
    public IReadOnlyList<double> Similarity { get; init; } = [];

    /// <summary>Every precision score given (one per answer and repeat).</summary>
    public IReadOnlyList<double> Precision { get; init; } = [];

    /// <summary>The evaluation's verdict: true pass, false fail, null when not judged against thresholds.</summary>
    public bool? Passed { get; init; }

    /// <summary>Mean, median, coverage@50/@70 of <see cref="Similarity"/>.</summary>
    public ScoreStatistics SimilarityStatistics => ScoreStatistics.Of([.. Similarity]);

    /// <summary>Mean, median, coverage@50/@70 of <see cref="Precision"/>.</summary>
    public ScoreStatistics PrecisionStatistics => ScoreStatistics.Of([.. Precision]);
}
