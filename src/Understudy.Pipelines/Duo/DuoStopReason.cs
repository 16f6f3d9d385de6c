namespace Understudy.Pipelines.Duo;

/// <summary>Why a duo run stopped.</summary>
public enum DuoStopReason
{
    /// <summary>The student reached both thresholds.</summary>
    Passed,

    /// <summary><c>max_iterations</c> iterations ran without a pass.</summary>
    MaxIterations,

    /// <summary><c>max_synth_samples</c> synthetic rows were generated, so no more training data can be made.</summary>
    SynthBudget,

    /// <summary>The service calls cost <c>max_cost_usd</c>.</summary>
    CostBudget,

    /// <summary>The steps took <c>max_wall_time</c>.</summary>
    WallTimeBudget,

    /// <summary>Synthesis could not produce the rows asked for (its call or token budget ran out); see the message.</summary>
    SynthIncomplete,
}
