namespace Understudy.Pipelines.Evaluation;

/// <summary>What an evaluate run did, and the verdict per evaluated model (also stored in <c>&lt;split&gt;_summary</c>).</summary>
/// <param name="Responses">Responses in the input split.</param>
/// <param name="ResumedResponses">Responses fully judged by an earlier run and skipped.</param>
/// <param name="JudgedResponses">Responses this run asked the judge about (new, or with failed judgements retried).</param>
/// <param name="JudgeCalls">Judgements made by this run (each may have taken several re-asks).</param>
/// <param name="FailedJudgements">Judgements of this run that ended as failures.</param>
public sealed record EvaluationResult(
    string OutputDatasetId,
    string OutputSplit,
    int Responses,
    int ResumedResponses,
    int JudgedResponses,
    int JudgeCalls,
    int FailedJudgements,
    long InputTokens,
    long OutputTokens,
    TimeSpan Elapsed,
    IReadOnlyList<EvaluationSummaryRow> Summaries)
{
    /// <summary>True when every evaluated model passed both thresholds.</summary>
    public bool Passed => Summaries.Count > 0 && Summaries.All(s => s.Verdict == "pass");
}
