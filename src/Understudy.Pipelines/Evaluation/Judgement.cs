using System.Globalization;
using Understudy.Pipelines.Common;

namespace Understudy.Pipelines.Evaluation;

/// <summary>One judge call's outcome for one response: a verdict, or a failure with its reason; always the raw text.</summary>
public sealed record Judgement(
    JudgeVerdict? Verdict,
    string? FailureReason,
    string EvalPrompt,
    string RawText,
    string Evaluator,
    DateTimeOffset Date,
    long LatencyMs,
    long InputTokens,
    long OutputTokens)
{
    /// <summary>"ok", or "failed: reason".</summary>
    public string Status => Verdict is null ? $"failed: {FailureReason}" : "ok";

    public static Judgement From(StructuredOutcome<JudgeVerdict> outcome, string evalPrompt, string evaluator)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new Judgement(outcome.Value, outcome.FailureReason, evalPrompt, outcome.RawText,
            string.IsNullOrEmpty(outcome.ModelId) ? evaluator : outcome.ModelId, DateTimeOffset.UtcNow,
            (long)outcome.Latency.TotalMilliseconds, outcome.InputTokens, outcome.OutputTokens);
    }

    /// <summary>The <c>dates</c> column's format.</summary>
    public string DateText => Date.ToString("O", CultureInfo.InvariantCulture);
}
