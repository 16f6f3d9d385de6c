namespace Understudy.Pipelines.Synthesis;

/// <summary>What a synth run did. <see cref="Completed"/> is false when a budget ended it first; <see cref="StopReason"/> says which and what to do.</summary>
/// <param name="Requested">num_samples.</param>
/// <param name="Produced">Valid new rows made so far for this run (including those resumed from an interrupted run).</param>
/// <param name="Published">Rows written to the output split (0 until the run completes).</param>
public sealed record SynthResult(
    string OutputDatasetId,
    string OutputSplit,
    int Requested,
    int Produced,
    int Published,
    int Calls,
    int FailedCalls,
    int InvalidPairs,
    int DuplicatePairs,
    int SurplusPairs,
    long InputTokens,
    long OutputTokens,
    TimeSpan Elapsed,
    bool Completed,
    string? StopReason);
