namespace Understudy.Pipelines.BatchInference;

/// <summary>What a batch-infer run did; the CLI prints it as the summary table.</summary>
/// <param name="OutputDatasetId">Where the responses went.</param>
/// <param name="OutputSplit">The responses' split; failures are in <c>&lt;split&gt;_failures</c>.</param>
/// <param name="TotalPairs">(prompt, repeat) pairs the test split asks for.</param>
/// <param name="ResumedPairs">Pairs already done by an earlier run and skipped.</param>
/// <param name="GeneratedPairs">Pairs answered by this run.</param>
/// <param name="FailedPairs">Pairs recorded as failed (retried on the next run).</param>
/// <param name="DiscardedEarlierOutput">True when <c>lm_response_append: false</c> replaced a different run's output.</param>
public sealed record BatchInferenceResult(
    string OutputDatasetId,
    string OutputSplit,
    int TotalPairs,
    int ResumedPairs,
    int GeneratedPairs,
    int FailedPairs,
    long InputTokens,
    long OutputTokens,
    TimeSpan Elapsed,
    bool DiscardedEarlierOutput);
