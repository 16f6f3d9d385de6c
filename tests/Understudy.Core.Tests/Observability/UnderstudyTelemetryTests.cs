using System.Diagnostics;
using Understudy.Core.Observability;
using Understudy.Testing;

namespace Understudy.Core.Tests.Observability;

public sealed class UnderstudyTelemetryTests
{
    [Fact]
    public void StartStep_names_the_span_and_tags_step_and_run()
    {
        using var recorder = new ActivityRecorder(UnderstudyTelemetry.SourceName);

        using (var step = UnderstudyTelemetry.StartStep("evaluate", "evaluate-20261123", [new("understudy.rows", 3)]))
        {
            Assert.NotNull(step);
        }

        var span = Assert.Single(recorder.Named(UnderstudyAttributes.StepSpanPrefix + "evaluate"));
        Assert.Equal("evaluate", span.GetTagItem(UnderstudyAttributes.StepName));
        Assert.Equal("evaluate-20261123", span.GetTagItem(UnderstudyAttributes.RunId));
        Assert.Equal(3, span.GetTagItem("understudy.rows"));
        Assert.Equal(recorder.Root.SpanId, span.ParentSpanId);
    }

    [Fact]
    public void A_nested_step_inherits_the_run_id_of_its_enclosing_step()
    {
        using var recorder = new ActivityRecorder(UnderstudyTelemetry.SourceName);

        using (UnderstudyTelemetry.StartStep("duo", "duo-1"))
        using (UnderstudyTelemetry.StartStep("evaluate"))
        {
        }

        var outer = Assert.Single(recorder.Named(UnderstudyAttributes.StepSpanPrefix + "duo"));
        var inner = Assert.Single(recorder.Named(UnderstudyAttributes.StepSpanPrefix + "evaluate"));
        Assert.Equal(outer.SpanId, inner.ParentSpanId);
        Assert.Equal("duo-1", inner.GetTagItem(UnderstudyAttributes.RunId));
    }

    [Fact]
    public void RecordFailure_sets_error_status_and_an_exception_event_and_tolerates_null()
    {
        using var recorder = new ActivityRecorder(UnderstudyTelemetry.SourceName);
        using (var step = UnderstudyTelemetry.StartStep("synth", "synth-1"))
        {
            step.RecordFailure(new InvalidOperationException("generator down"));
        }

        ((Activity?)null).RecordFailure(new InvalidOperationException("ignored"));
        var span = Assert.Single(recorder.Named(UnderstudyAttributes.StepSpanPrefix + "synth"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("generator down", span.StatusDescription);
        Assert.Contains(span.Events, e => e.Name == "exception");
    }

    [Fact]
    public void RecordJudgeScores_and_judgement_events_attach_scores_to_the_span()
    {
        using var recorder = new ActivityRecorder(UnderstudyTelemetry.SourceName);
        using (var step = UnderstudyTelemetry.StartStep("evaluate", "evaluate-1"))
        {
            step.AddJudgementEvent("row-1", 80, 70, "gpt-4o-mini");
            step.RecordJudgeScores(80, 70, "fail");
        }

        var span = Assert.Single(recorder.Named(UnderstudyAttributes.StepSpanPrefix + "evaluate"));
        Assert.Equal(80.0, span.GetTagItem(UnderstudyAttributes.JudgeSimilarity));
        Assert.Equal("fail", span.GetTagItem(UnderstudyAttributes.Verdict));
        var judgement = Assert.Single(span.Events, e => e.Name == UnderstudyAttributes.JudgementEvent);
        Assert.Contains(judgement.Tags, t => t.Key == UnderstudyAttributes.JudgePrecision && Equals(t.Value, 70.0));
    }
}
