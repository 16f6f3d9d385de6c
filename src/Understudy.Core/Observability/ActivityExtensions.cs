using System.Diagnostics;

namespace Understudy.Core.Observability;

/// <summary>Small helpers for recording outcomes on spans, null-safe so callers can write <c>activity.RecordFailure(e)</c>.</summary>
public static class ActivityExtensions
{
    /// <summary>Marks the span failed with the exception's message and adds an <c>exception</c> event (OpenTelemetry's convention).</summary>
    public static void RecordFailure(this Activity? activity, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.SetTag("error.type", exception.GetType().FullName);
        activity.AddException(exception);
    }

    /// <summary>Attaches aggregate judge scores (0-100) and, when known, the verdict to a span.</summary>
    public static void RecordJudgeScores(this Activity? activity, double similarity, double precision, string? verdict = null)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(UnderstudyAttributes.JudgeSimilarity, similarity);
        activity.SetTag(UnderstudyAttributes.JudgePrecision, precision);
        if (verdict is not null)
        {
            activity.SetTag(UnderstudyAttributes.Verdict, verdict);
        }
    }

    /// <summary>Adds one judgement (one row, one repetition) as an event of the current evaluate span.</summary>
    public static void AddJudgementEvent(this Activity? activity, string rowId, double similarity, double precision, string evaluator)
    {
        activity?.AddEvent(new ActivityEvent(UnderstudyAttributes.JudgementEvent, tags: new ActivityTagsCollection
        {
            ["understudy.row.id"] = rowId,
            [UnderstudyAttributes.JudgeSimilarity] = similarity,
            [UnderstudyAttributes.JudgePrecision] = precision,
            ["understudy.judge.model"] = evaluator,
        }));
    }
}
