using System.Globalization;
using Understudy.Core.Lineage;

namespace Understudy.Pipelines.Duo;

/// <summary>
/// The run's cost and wall-time budgets, summed over the steps the run store holds for the run (so a resumed run
/// counts what earlier processes spent). Steps reused from the cache cost nothing; an interrupted attempt's wall time
/// counts (it is recorded on the failed step and carried into the attempt that finishes it). Cost and wall time are
/// checked between steps; wall time also inside a step, through <see cref="StartDeadline"/>.
/// </summary>
internal sealed class DuoBudget(DuoConfig config, LineageStore lineage, string runId, TimeProvider time)
{
    // The longest delay a timer accepts; a larger remaining budget is as good as none.
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>The clock steps are timed with and the deadline runs on.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>Dollars spent by the run's finished steps.</summary>
    public decimal CostUsd => (decimal)Steps(StepStatus.Succeeded).Sum(s => Finite(s.Metric(DuoMetrics.CostUsd)));

    /// <summary>Wall time of the run's finished steps and of its interrupted attempts.</summary>
    public TimeSpan WallTime => TimeSpan.FromSeconds(Steps(StepStatus.Succeeded, StepStatus.Failed).Sum(s => Finite(s.Metric(DuoMetrics.WallSeconds))));

    /// <summary>The exceeded cost or wall-time budget, or null.</summary>
    public DuoStopException? Exceeded()
    {
        decimal cost = CostUsd;
        if (config.MaxCostUsd > 0 && cost >= (decimal)config.MaxCostUsd)
        {
            return new DuoStopException(DuoStopReason.CostBudget, string.Create(CultureInfo.InvariantCulture,
                $"max_cost_usd ({config.MaxCostUsd}) reached: the run's service calls cost ${cost:0.####}. Raise max_cost_usd and rerun to go on (finished steps are reused)."));
        }
        TimeSpan wall = WallTime;
        if (config.MaxWallTime > TimeSpan.Zero && wall >= config.MaxWallTime)
        {
            return new DuoStopException(DuoStopReason.WallTimeBudget, string.Create(CultureInfo.InvariantCulture,
                $"max_wall_time ({config.MaxWallTime}) reached: the run's steps took {wall:hh\\:mm\\:ss}. Raise max_wall_time and rerun the same command to resume this run."));
        }
        return null;
    }

    /// <summary>
    /// A token for one step: cancelled by <paramref name="cancellationToken"/> (the user) or when the wall-time budget
    /// left runs out (never when <c>max_wall_time</c> is 0).
    /// </summary>
    public WallTimeDeadline StartDeadline(CancellationToken cancellationToken)
    {
        if (config.MaxWallTime <= TimeSpan.Zero)
        {
            return new WallTimeDeadline(null, Time, cancellationToken);
        }
        TimeSpan left = config.MaxWallTime - WallTime;
        return new WallTimeDeadline(left < TimeSpan.Zero ? TimeSpan.Zero : left > LongestTimer ? LongestTimer : left, Time, cancellationToken);
    }

    /// <summary>Wall time earlier interrupted attempts of a step of this run took (zero when it has none).</summary>
    public TimeSpan InterruptedTime(string stepId) =>
        Steps(StepStatus.Failed).Where(s => s.StepId == stepId).Select(s => TimeSpan.FromSeconds(Finite(s.Metric(DuoMetrics.WallSeconds))))
            .FirstOrDefault();

    /// <summary>Records on a step that is about to fail the wall time its attempts took so far.</summary>
    public void RecordInterrupted(string stepId, TimeSpan wallTime) =>
        lineage.SetStepMetrics(runId, stepId, new Dictionary<string, double> { [DuoMetrics.WallSeconds] = wallTime.TotalSeconds });

    /// <summary>Marks a step the deadline cancelled (instead of "cancelled") and returns the stop that ends the run.</summary>
    public DuoStopException StoppedInside(string stepId)
    {
        lineage.FailStep(runId, stepId, string.Create(CultureInfo.InvariantCulture,
            $"stopped at max_wall_time ({config.MaxWallTime}): a rerun with a larger max_wall_time resumes this step"), Time.GetUtcNow());
        return new DuoStopException(DuoStopReason.WallTimeBudget, string.Create(CultureInfo.InvariantCulture,
            $"max_wall_time ({config.MaxWallTime}) reached during {stepId}: it was stopped, and what it wrote is kept (fine-tune checkpoints, finished rows). Raise max_wall_time and rerun the same command to resume this run at that step."));
    }

    private IEnumerable<StepRecord> Steps(params StepStatus[] statuses) => lineage.GetSteps(runId).Where(s => statuses.Contains(s.Status));

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}
