using Understudy.Core.Runs;

namespace Understudy.Cli.Display;

/// <summary>
/// The latest snapshot of one step plus its start, from which rate and ETA are computed. The rate counts
/// only rows done in this run, so a resumed step does not report an impossible speed.
/// </summary>
public sealed class ProgressState(TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private readonly long _startedAt = timeProvider.GetTimestamp();
    private StepProgress _latest;
    private long? _baseline;

    /// <summary>The latest snapshot.</summary>
    public StepProgress Latest
    {
        get { lock (_gate) { return _latest; } }
    }

    /// <summary>Time since the step started.</summary>
    public TimeSpan Elapsed => timeProvider.GetElapsedTime(_startedAt);

    /// <summary>Stores a snapshot; the first one sets the baseline for the rate.</summary>
    public void Update(StepProgress progress)
    {
        lock (_gate)
        {
            _baseline ??= progress.Completed;
            _latest = progress;
        }
    }

    /// <summary>Rows per second done in this run, or null before any.</summary>
    public double? Rate()
    {
        lock (_gate)
        {
            return ProgressText.Rate(_latest.Completed - (_baseline ?? 0), Elapsed);
        }
    }

    /// <summary>Time left at the current rate, or null when unknown.</summary>
    public TimeSpan? Eta() => ProgressText.Eta(Latest, Rate());

    /// <summary>The one-line status: <c>120/500 rows (24.0%) | 3.2 rows/s | ETA 2m05s | 12,345 tokens | $0.0123</c>.</summary>
    public string Describe(IReadOnlyList<ProgressMetric> metrics, string unit)
    {
        var latest = Latest;
        var rate = Rate();
        var parts = new List<string> { ProgressText.Rows(latest, unit), ProgressText.FormatRate(rate, unit) };
        if (latest.Total is not null && latest.Completed < latest.Total)
        {
            parts.Add("ETA " + ProgressText.FormatDuration(ProgressText.Eta(latest, rate)));
        }

        parts.AddRange(metrics.Select(m => m.Render(latest)).OfType<string>());
        return string.Join(" | ", parts);
    }
}
