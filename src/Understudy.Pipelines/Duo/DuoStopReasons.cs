namespace Understudy.Pipelines.Duo;

/// <summary>The snake_case names of <see cref="DuoStopReason"/> recorded as a run's outcome.</summary>
public static class DuoStopReasons
{
    /// <summary><c>passed</c>, <c>max_iterations</c>, <c>max_synth_samples</c>, <c>max_cost_usd</c>, <c>max_wall_time</c> or <c>synth_incomplete</c>.</summary>
    public static string Name(DuoStopReason reason) => reason switch
    {
        DuoStopReason.Passed => "passed",
        DuoStopReason.MaxIterations => "max_iterations",
        DuoStopReason.SynthBudget => "max_synth_samples",
        DuoStopReason.CostBudget => "max_cost_usd",
        DuoStopReason.WallTimeBudget => "max_wall_time",
        DuoStopReason.SynthIncomplete => "synth_incomplete",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
