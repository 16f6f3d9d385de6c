namespace Understudy.Pipelines.Duo;

/// <summary>What a duo run did and why it stopped.</summary>
/// <param name="RunId">The run in the run store (<c>understudy runs show RUN</c>, <c>understudy report RUN</c>).</param>
/// <param name="Resumed">True when this invocation continued an interrupted run.</param>
/// <param name="TeacherSimilarityMean">The teacher's own mean similarity score (NaN when evaluate_teacher is off).</param>
/// <param name="TeacherPrecisionMean">The teacher's own mean precision score.</param>
/// <param name="Message">Why it stopped, in words.</param>
public sealed record DuoResult(
    string RunId,
    bool Resumed,
    DuoStopReason StopReason,
    string Message,
    IReadOnlyList<DuoIterationResult> Iterations,
    double TeacherSimilarityMean,
    double TeacherPrecisionMean,
    int SyntheticRows,
    decimal CostUsd)
{
    /// <summary>The final student (the last iteration's), or null when no iteration finished.</summary>
    public string? FinalStudent => Iterations.Count > 0 ? Iterations[^1].StudentModelDir : null;
}
