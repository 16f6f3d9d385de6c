namespace Understudy.Core.Lineage;

/// <summary>
/// Runs the steps of one run through the run store: a step whose cache key matches an earlier finished step whose
/// outputs are still intact is skipped and those outputs reused (recorded as <see cref="StepStatus.Cached"/>);
/// otherwise it runs and its outputs, metrics and timings are recorded. A step that throws is recorded as failed
/// (a rerun runs it again; the pipelines themselves resume by row).
/// </summary>
public sealed class StepRunner
{
    private readonly LineageStore _store;
    private readonly ArtifactHasher _hasher;
    private readonly TimeProvider _time;

    /// <summary>Runs steps of run <paramref name="runId"/>, which must exist in <paramref name="store"/>.</summary>
    public StepRunner(LineageStore store, ArtifactHasher hasher, string runId, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        _store = store;
        _hasher = hasher;
        RunId = runId;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The run the steps belong to.</summary>
    public string RunId { get; }

    /// <summary>Runs or reuses a step and returns its record (outputs and metrics either way).</summary>
    public async Task<StepRecord> RunAsync(
        StepDefinition step, Func<CancellationToken, Task<StepOutcome>> execute, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(execute);
        string key = step.CacheKey;
        StepRecord? earlier = _store.FindCompleted(key);
        if (earlier is not null && await _hasher.AllIntactAsync(earlier.Outputs, cancellationToken))
        {
            if (earlier.RunId == RunId && earlier.StepId == step.StepId)
            {
                return earlier;
            }
            DateTimeOffset now = _time.GetUtcNow();
            _store.StartStep(RunId, step.StepId, step.Kind, step.Iteration, key, step.Inputs, now);
            _store.CompleteStep(RunId, step.StepId, StepStatus.Cached, earlier.CachedFrom ?? earlier.RunId, earlier.Outputs, earlier.Metrics, now);
            return Find(step.StepId);
        }

        _store.StartStep(RunId, step.StepId, step.Kind, step.Iteration, key, step.Inputs, _time.GetUtcNow());
        StepOutcome outcome;
        try
        {
            outcome = await execute(cancellationToken);
        }
        catch (Exception e)
        {
            string error = e is OperationCanceledException ? "cancelled: a rerun resumes this step" : $"{e.GetType().Name}: {e.Message}";
            _store.FailStep(RunId, step.StepId, error, _time.GetUtcNow());
            throw;
        }
        _store.CompleteStep(RunId, step.StepId, StepStatus.Succeeded, null, outcome.Outputs, outcome.Metrics, _time.GetUtcNow());
        return Find(step.StepId);
    }

    private StepRecord Find(string stepId) =>
        _store.GetSteps(RunId).First(s => s.StepId == stepId);
}
