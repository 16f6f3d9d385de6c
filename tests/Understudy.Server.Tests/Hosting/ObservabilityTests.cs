using System.Collections.Concurrent;
using System.Diagnostics;
using Understudy.Server.Observability;
using Understudy.Server.Tests.Support;

namespace Understudy.Server.Tests.Hosting;

/// <summary>Prometheus metrics, trace spans and what the request log may contain.</summary>
public class ObservabilityTests
{
    private static readonly object Chat = new
    {
        model = ServerHarness.ModelId,
        messages = new[] { new { role = "user", content = "secret order number" } },
        max_tokens = 4,
    };

    [Fact]
    public async Task Metrics_report_requests_tokens_and_latency_histograms_in_prometheus_text()
    {
        await using var harness = await ServerHarness.StartTinyAsync();
        await Http.PostAsync(harness.Http, "/v1/chat/completions", Chat);
        await Http.PostAsync(harness.Http, "/v1/chat/completions", new { model = "nope", messages = Array.Empty<object>() });

        string metrics = await harness.MetricsAsync();

        Assert.Contains("understudy_requests_total{endpoint=\"chat_completions\",status=\"200\"} 1\n", metrics);
        Assert.Contains("understudy_requests_total{endpoint=\"chat_completions\",status=\"400\"} 1\n", metrics);
        Assert.Contains("understudy_generation_tokens_total 4\n", metrics);
        Assert.Contains("# TYPE understudy_time_to_first_token_seconds histogram\n", metrics);
        Assert.Contains("understudy_time_to_first_token_seconds_count 1\n", metrics);
        Assert.Contains("understudy_time_per_output_token_seconds_count 1\n", metrics);
        Assert.Contains("understudy_time_to_first_token_seconds_bucket{le=\"+Inf\"} 1\n", metrics);
        Assert.Contains("# TYPE understudy_queue_depth gauge\nunderstudy_queue_depth 0\n", metrics);
        Assert.Contains("# TYPE understudy_running_batch_size gauge\n", metrics);
        Assert.Contains("# TYPE understudy_generation_tokens_per_second gauge\n", metrics);
    }

    [Fact]
    public async Task Each_request_is_a_span_with_model_usage_and_status()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ServerTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var harness = await ServerHarness.StartTinyAsync();

        await Http.PostAsync(harness.Http, "/v1/chat/completions", Chat);

        Activity span = Assert.Single(spans, s => s.OperationName == "chat_completions" && (string?)s.GetTagItem("gen_ai.request.model") == ServerHarness.ModelId
            && s.GetTagItem("gen_ai.usage.output_tokens") is 4L);
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task Logs_hold_no_prompt_text_unless_log_prompts_is_on()
    {
        await using (var quiet = await ServerHarness.StartTinyAsync())
        {
            await Http.PostAsync(quiet.Http, "/v1/chat/completions", Chat);
            string line = Assert.Single(quiet.LogLines);
            Assert.Contains("POST /v1/chat/completions -> 200", line);
            Assert.Contains("tokens=", line);
            Assert.DoesNotContain("secret", line);
        }
        await using var verbose = await ServerHarness.StartTinyAsync(o => o with { LogPrompts = true });
        await Http.PostAsync(verbose.Http, "/v1/chat/completions", Chat);
        Assert.Contains("secret order number", Assert.Single(verbose.LogLines));
    }
}
