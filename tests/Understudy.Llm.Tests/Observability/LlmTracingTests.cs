using System.Text;
using Microsoft.Extensions.AI;
using Understudy.Core.Observability;
using Understudy.Core.Observability.Traces;
using Understudy.Llm.Accounting;
using Understudy.Llm.Observability;
using Understudy.Llm.Providers;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Observability;

/// <summary>
/// LLM call spans end to end: service client → GenAI span under a step span → exporters. One class so the tests that
/// start a tracer provider or flip <see cref="UnderstudyTelemetry.CaptureMessageContent"/> never run at the same time.
/// </summary>
public sealed class LlmTracingTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "understudy-traces-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Service_calls_are_GenAI_spans_nested_in_step_spans_and_land_in_the_trace_store()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(_ => ScriptedReply.Text("billing") with { PromptTokens = 120, CompletionTokens = 8 });
        var storePath = Path.Combine(_folder, SqliteTraceStore.FileName);
        var runId = "evaluate-" + Guid.NewGuid().ToString("N");
        using (var session = UnderstudyTracing.Start(new TracingSettings { TraceStorePath = storePath, SessionId = "session-7" }))
        {
            using var client = Factory().Create(server.ServiceOptions("gpt-4o-mini"), "judge", new UsageLedger());
            using (UnderstudyTelemetry.StartStep("evaluate", runId))
            {
                await client.GetResponseAsync("Which queue?", cancellationToken: Ct);
            }

            Assert.True(session.Flush());
            Assert.Null(session.TraceStoreError);
        }

        var spans = new SqliteTraceStore(storePath).Search(new TraceQuery { RunId = runId });
        var step = Assert.Single(spans, s => s.Name == UnderstudyAttributes.StepSpanPrefix + "evaluate");
        var call = Assert.Single(spans, s => s.Attributes.GetValueOrDefault("gen_ai.operation.name") == "chat");
        Assert.Equal(step.SpanId, call.ParentSpanId);
        Assert.Equal(step.TraceId, call.TraceId);
        Assert.Equal("gpt-4o-mini", call.Model);
        Assert.Equal("evaluate", call.Step);
        Assert.Equal((120L, 8L), (call.InputTokens, call.OutputTokens));
        Assert.Equal("session-7", call.Attributes[UnderstudyAttributes.LangfuseSessionId]);
        Assert.True(double.Parse(call.Attributes[UnderstudyAttributes.CostUsd]!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.DoesNotContain("gen_ai.input.messages", call.Attributes.Keys);
    }

    [Fact]
    public async Task Prompt_and_response_text_are_captured_only_when_opted_in()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync("the secret answer");
        using var recorder = new ActivityRecorder(UnderstudyTelemetry.SourceName);
        var before = UnderstudyTelemetry.CaptureMessageContent;
        try
        {
            UnderstudyTelemetry.CaptureMessageContent = false;
            using (var quiet = Factory().Create(server.ServiceOptions()))
            {
                await quiet.GetResponseAsync("the secret prompt", cancellationToken: Ct);
            }

            UnderstudyTelemetry.CaptureMessageContent = true;
            using (var open = Factory().Create(server.ServiceOptions()))
            {
                await open.GetResponseAsync("the secret prompt", cancellationToken: Ct);
            }
        }
        finally
        {
            UnderstudyTelemetry.CaptureMessageContent = before;
        }

        var calls = recorder.Named("chat");
        Assert.Equal(2, calls.Count);
        Assert.DoesNotContain(calls[0].TagObjects, t => t.Value?.ToString()?.Contains("secret") == true);
        Assert.Contains("the secret prompt", calls[1].GetTagItem("gen_ai.input.messages")?.ToString());
        Assert.Contains("the secret answer", calls[1].GetTagItem("gen_ai.output.messages")?.ToString());
    }

    [Fact]
    public async Task Langfuse_keys_send_spans_to_its_OTLP_endpoint_with_basic_auth_and_the_session_id()
    {
        await using var langfuse = await OtlpHttpFixture.StartAsync(Ct);
        var target = LangfuseOtlpTarget.Create(langfuse.RootUrl.ToString(), "pk-lf-test", "sk-lf-test");
        using (var session = UnderstudyTracing.Start(new TracingSettings { Langfuse = target, SessionId = "duo-session-42" }))
        {
            using (UnderstudyTelemetry.StartStep("synth", "synth-run"))
            {
            }

            Assert.True(session.Flush());
        }

        var request = Assert.Single(langfuse.Requests, r => Contains(r.Body, "duo-session-42"));
        Assert.Equal("/api/public/otel/v1/traces", request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("pk-lf-test:sk-lf-test")), request.Authorization);
        Assert.Equal("application/x-protobuf", request.ContentType);
        Assert.True(Contains(request.Body, UnderstudyAttributes.LangfuseSessionId));
        Assert.True(Contains(request.Body, UnderstudyAttributes.StepSpanPrefix + "synth"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static ServiceChatClientFactory Factory() => new(timeProvider: new AutoAdvancingTimeProvider());

    private static bool Contains(byte[] body, string text) =>
        body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
