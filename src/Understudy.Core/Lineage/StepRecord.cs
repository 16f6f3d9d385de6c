namespace Understudy.Core.Lineage;

/// <summary>One step of a run as the run store holds it.</summary>
/// <param name="StepId">Unique within the run, e.g. <c>iter-2/finetune</c>.</param>
/// <param name="Kind">The pipeline, e.g. <c>finetune</c>, <c>batch-infer</c>, <c>evaluate</c>.</param>
/// <param name="Iteration">The loop iteration (0 for steps outside the loop).</param>
/// <param name="Sequence">Order of the step within the run.</param>
/// <param name="CacheKey">Hash of the step kind, its config hash and its input hashes.</param>
/// <param name="CachedFrom">For a cached step, the run whose step produced the outputs.</param>
public sealed record StepRecord(
    string RunId,
    string StepId,
    string Kind,
    int Iteration,
    int Sequence,
    StepStatus Status,
    string CacheKey,
    string? CachedFrom,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<ArtifactRef> Inputs,
    IReadOnlyList<ArtifactRef> Outputs,
    string? Error)
{
    /// <summary>Wall time of the step (zero while running).</summary>
    public TimeSpan Duration => EndedAt is { } end ? end - StartedAt : TimeSpan.Zero;

    /// <summary>A metric, or NaN when the step did not record it.</summary>
    public double Metric(string name) => Metrics.TryGetValue(name, out double value) ? value : double.NaN;

    /// <summary>The output with the given role, or null.</summary>
    public ArtifactRef? Output(string role) => Outputs.FirstOrDefault(o => o.Role == role);
}
