using System.Diagnostics;
using Understudy.Core.Observability;
using Understudy.Core.Observability.Traces;
using Understudy.Testing;

namespace Understudy.Core.Tests.Observability.Traces;

public sealed class SqliteTraceStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly ScratchFolder _scratch = new();

    [Fact]
    public void Spans_round_trip_with_their_attributes_and_events()
    {
        var store = SqliteTraceStore.ForWorkspace(_scratch.Path);
        var span = Span("a", "1", null, "understudy.step evaluate", 0, 2000) with
        {
            Status = TraceStatuses.Error,
            StatusDescription = "judge down",
            Attributes = new Dictionary<string, string?> { ["understudy.judge.similarity"] = "81.5" },
            Events = [new TraceEventRecord("exception", T0.AddSeconds(1), new Dictionary<string, string?> { ["exception.message"] = "judge down" })],
        };

        store.Add([span]);

        var back = Assert.Single(store.GetTrace("a"));
        Assert.Equal(span.StartTime, back.StartTime);
        Assert.Equal(span.Duration, back.Duration);
        Assert.Equal("judge down", back.StatusDescription);
        Assert.Equal("81.5", back.Attributes["understudy.judge.similarity"]);
        Assert.Equal("judge down", Assert.Single(back.Events).Attributes["exception.message"]);
    }

    [Fact]
    public void Search_filters_by_run_step_model_latency_and_status_most_recent_first()
    {
        var store = SqliteTraceStore.ForWorkspace(_scratch.Path);
        store.Add(
        [
            Span("t1", "s1", null, "understudy.step evaluate", 0, 9000) with { RunId = "run-1", Step = "evaluate" },
            Span("t1", "s2", "s1", "chat gpt-4o-mini", 1, 1200) with { RunId = "run-1", Step = "evaluate", Model = "gpt-4o-mini" },
            Span("t1", "s3", "s1", "chat gpt-4o-mini", 2, 300) with { RunId = "run-1", Step = "evaluate", Model = "gpt-4o-mini", Status = TraceStatuses.Error },
            Span("t2", "s4", null, "chat claude", 10, 5000) with { RunId = "run-2", Step = "synth", Model = "claude-3-5-haiku" },
        ]);

        Assert.Equal(["s3", "s2", "s1"], store.Search(new TraceQuery { RunId = "run-1" }).Select(s => s.SpanId));
        Assert.Equal(["s4"], store.Search(new TraceQuery { Step = "synth" }).Select(s => s.SpanId));
        Assert.Equal(["s3", "s2"], store.Search(new TraceQuery { Model = "4O-MINI" }).Select(s => s.SpanId));
        Assert.Equal(["s4", "s2", "s1"], store.Search(new TraceQuery { MinDuration = TimeSpan.FromSeconds(1) }).Select(s => s.SpanId));
        Assert.Equal(["s3"], store.Search(new TraceQuery { Status = "ERROR" }).Select(s => s.SpanId));
        Assert.Equal(["s4"], store.Search(new TraceQuery { Limit = 1 }).Select(s => s.SpanId));
    }

    [Fact]
    public void ListTraces_summarises_each_trace_by_its_root()
    {
        var store = SqliteTraceStore.ForWorkspace(_scratch.Path);
        store.Add(
        [
            Span("t1", "s2", "s1", "chat", 1, 1000) with { InputTokens = 100, OutputTokens = 10, RunId = "run-1", Status = TraceStatuses.Error },
            Span("t1", "s1", null, "understudy.step evaluate", 0, 3000) with { RunId = "run-1" },
            Span("t2", "s3", null, "understudy.step merge", 60, 500) with { RunId = "run-2" },
        ]);

        var traces = store.ListTraces();

        Assert.Equal(["t2", "t1"], traces.Select(t => t.TraceId));
        var evaluate = traces[1];
        Assert.Equal(("understudy.step evaluate", "run-1", 2, 1), (evaluate.RootName, evaluate.RunId, evaluate.SpanCount, evaluate.ErrorCount));
        Assert.Equal((100L, 10L), (evaluate.InputTokens, evaluate.OutputTokens));
        Assert.Equal(TimeSpan.FromSeconds(3), evaluate.Duration);
        Assert.Equal(["t2"], store.ListTraces(runId: "run-2").Select(t => t.TraceId));
    }

    [Fact]
    public void GetTrace_accepts_a_unique_prefix_and_names_an_ambiguous_one()
    {
        var store = SqliteTraceStore.ForWorkspace(_scratch.Path);
        store.Add([Span("abc1", "s1", null, "x", 0, 1), Span("abc2", "s2", null, "y", 0, 1)]);

        Assert.Equal("s1", Assert.Single(store.GetTrace("abc1")).SpanId);
        Assert.Empty(store.GetTrace("ffff"));
        var error = Assert.Throws<ArgumentException>(() => store.GetTrace("abc"));
        Assert.Contains("matches several traces", error.Message);
    }

    [Fact]
    public void Reading_a_workspace_with_no_store_says_how_to_get_one()
    {
        var store = SqliteTraceStore.ForWorkspace(_scratch.Path);

        var error = Assert.Throws<FileNotFoundException>(() => store.ListTraces());
        Assert.Contains("run a command first", error.Message);
    }

    [Fact]
    public void A_finished_activity_maps_to_a_record_with_its_GenAI_columns()
    {
        using var recorder = new ActivityRecorder(UnderstudyTelemetry.SourceName);
        using (var step = UnderstudyTelemetry.StartStep("batch-infer", "run-9"))
        {
            step?.SetTag("gen_ai.request.model", "smollm2-135m");
            step?.SetTag("gen_ai.usage.input_tokens", 42L);
            step?.SetStatus(ActivityStatusCode.Error, "boom");
        }

        var record = ActivityTraceMapper.ToRecord(Assert.Single(recorder.Stopped));

        Assert.Equal(("run-9", "batch-infer", "smollm2-135m", 42L), (record.RunId, record.Step, record.Model, record.InputTokens));
        Assert.Equal(TraceStatuses.Error, record.Status);
        Assert.Equal(recorder.Root.SpanId.ToHexString(), record.ParentSpanId);
    }

    public void Dispose() => _scratch.Dispose();

    private static TraceSpanRecord Span(string trace, string span, string? parent, string name, int startSeconds, int durationMs) => new()
    {
        TraceId = trace,
        SpanId = span,
        ParentSpanId = parent,
        Name = name,
        StartTime = T0.AddSeconds(startSeconds),
        Duration = TimeSpan.FromMilliseconds(durationMs),
    };
}
