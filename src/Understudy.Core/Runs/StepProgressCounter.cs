namespace Understudy.Core.Runs;

/// <summary>
/// Thread-safe running totals for a step, reporting a <see cref="StepProgress"/> snapshot after each update,
/// so parallel workers can share one counter.
/// </summary>
public sealed class StepProgressCounter
{
    private readonly Lock _gate = new();
    private readonly IProgress<StepProgress>? _progress;
    private StepProgress _current;

    /// <summary>Starts counting; <paramref name="alreadyDone"/> is what a resumed step had finished before.</summary>
    public StepProgressCounter(IProgress<StepProgress>? progress, long? total, long alreadyDone = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(alreadyDone);
        _progress = progress;
        _current = new StepProgress(alreadyDone, total);
        _progress?.Report(_current);
    }

    /// <summary>The latest snapshot.</summary>
    public StepProgress Current
    {
        get { lock (_gate) { return _current; } }
    }

    /// <summary>Adds finished rows with the tokens and cost they used, and reports the new totals.</summary>
    public StepProgress Add(long rows = 1, long tokens = 0, decimal costUsd = 0, long failed = 0)
    {
        StepProgress snapshot;
        lock (_gate)
        {
            _current = _current with
            {
                Completed = _current.Completed + rows,
                Tokens = _current.Tokens + tokens,
                CostUsd = _current.CostUsd + costUsd,
                Failed = _current.Failed + failed,
            };
            snapshot = _current;
            // Report inside the lock so observers see totals in order.
            _progress?.Report(snapshot);
        }

        return snapshot;
    }
}
