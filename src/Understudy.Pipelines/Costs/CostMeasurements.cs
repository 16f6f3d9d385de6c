using Understudy.Llm.Accounting;

namespace Understudy.Pipelines.Costs;

/// <summary>What a run measured that the cost comparison needs; zero where it was not measured.</summary>
/// <param name="Usage">Service usage per (role, model) of the migration (the run's <see cref="UsageLedger"/> snapshot).</param>
/// <param name="FineTuneWallTime">Wall time of all fine-tuning.</param>
/// <param name="InferenceWallTime">Wall time of the local model's batch inference.</param>
/// <param name="InferenceRequests">Requests (answers) produced in <paramref name="InferenceWallTime"/>.</param>
/// <param name="InferenceInputTokens">Prompt tokens of those requests.</param>
/// <param name="InferenceOutputTokens">Generated tokens of those requests.</param>
public sealed record CostMeasurements(
    IReadOnlyList<UsageEntry> Usage,
    TimeSpan FineTuneWallTime,
    TimeSpan InferenceWallTime,
    long InferenceRequests,
    long InferenceInputTokens,
    long InferenceOutputTokens)
{
    /// <summary>Nothing measured: every number must come from the config.</summary>
    public static CostMeasurements None { get; } = new([], TimeSpan.Zero, TimeSpan.Zero, 0, 0, 0);
}
