using System.Globalization;
using Understudy.Core.Lineage;

namespace Understudy.Pipelines.Duo;

/// <summary>
/// The run's cost and wall-time budgets, summed over the steps the run store holds for the run (so a resumed run
/// counts what earlier processes spent). Steps reused from the cache cost nothing. Checked between steps.
/// </summary>
internal sealed class DuoBudget(DuoConfig config, LineageStore lineage, string runId)
{
    /// <summary>Dollars spent by the run's finished steps.</summary>
    public decimal CostUsd => (decimal)Executed().Sum(s => Finite(s.Metric(DuoMetrics.CostUsd)));

    /// <summary>Wall time of the run's finished steps.</summary>
    public TimeSpan WallTime => TimeSpan.FromSeconds(Executed().Sum(s => Finite(s.Metric(DuoMetrics.WallSeconds))));

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
                $"max_wall_time ({config.MaxWallTime}) reached: the run's steps took {wall:hh\\:mm\\:ss}. Raise max_wall_time and rerun to go on (finished steps are reused)."));
        }
        return null;
    }

    private IEnumerable<StepRecord> Executed() => lineage.GetSteps(runId).Where(s => s.Status == StepStatus.Succeeded);

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}
