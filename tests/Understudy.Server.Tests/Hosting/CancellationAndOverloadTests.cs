using System.Net;
using System.Text.Json;
using Understudy.Engine.Generation;
using Understudy.Engine.Inference;
using Understudy.Engine.Scheduling;
using Understudy.Engine.Tests.Support;
using Understudy.Server.Hosting;
using Understudy.Server.Requests;
using Understudy.Server.Tests.Support;

namespace Understudy.Server.Tests.Hosting;

/// <summary>Client disconnects cancel generation; a full queue answers 429 with Retry-After and the server stays up.</summary>
public class CancellationAndOverloadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Chat(bool stream) => new { model = ServerHarness.ModelId, messages = new[] { new { role = "user", content = "hi" } }, stream };

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        while (!await condition()) await Task.Delay(10, Ct);
    }

    [Fact]
    public async Task Aborting_a_stream_cancels_its_generation_and_frees_its_slot()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await ServerHarness.StartAsync(FakeServedModels.Over(FakeServedModels.Endless(cancelled)));

        using (var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Http.Json(Chat(stream: true)) })
        using (var response = await harness.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
            string? first = await reader.ReadLineAsync(Ct);
            Assert.StartsWith("data: ", first);
        }   // disposing the response aborts the connection mid-stream

        await cancelled.Task.WaitAsync(Ct);
        await WaitUntilAsync(async () => (await harness.MetricsAsync()).Contains("understudy_requests_cancelled_total 1\n", StringComparison.Ordinal));
        string metrics = await harness.MetricsAsync();
        Assert.Contains("understudy_running_batch_size 0\n", metrics);
        Assert.Equal(HttpStatusCode.OK, (await harness.Http.GetAsync("/health", Ct)).StatusCode);
    }

    [Fact]
    public async Task Aborting_a_stream_on_the_real_engine_frees_the_schedulers_sequence()
    {
        // A context far longer than the test runs and no EOS: the sequence cannot finish before the abort lands.
        var model = new LocalModel(ServerHarness.ModelId, TinyModels.Create(TinyModels.Llama() with { MaxPositionEmbeddings = 1 << 16 }),
            new CharacterTokenizer(), new GenerationOptions { MaxNewTokens = 60_000 });
        var served = ServedModel.FromLocalModel(model, chatOptions: new LocalChatClientOptions { PromptFormatter = TinyLocalModels.Format, AddSpecialTokens = true });
        await using var harness = await ServerHarness.StartAsync(served, o => o with { Limits = new RequestLimits { MaxTokens = 60_000 } }, model);
        var scheduler = (ContinuousBatchScheduler)served.Chat.GetService(typeof(ContinuousBatchScheduler))!;

        using (var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Http.Json(Chat(stream: true)) })
        using (var response = await harness.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
            Assert.StartsWith("data: ", await reader.ReadLineAsync(Ct));
        }

        await WaitUntilAsync(() => Task.FromResult(scheduler.Metrics is { RequestsCancelled: 1, RunningSequences: 0 }));
        Assert.Equal(0, scheduler.Metrics.RequestsCompleted);
        await WaitUntilAsync(async () => (await harness.MetricsAsync()).Contains("understudy_requests_cancelled_total 1\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_full_queue_answers_429_with_retry_after_and_admitted_requests_finish()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int started = 0;
        var client = FakeServedModels.Gated(release.Task, () => Interlocked.Increment(ref started));
        await using var harness = await ServerHarness.StartAsync(FakeServedModels.Over(client),
            o => o with { MaxConcurrentRequests = 1, MaxQueuedRequests = 1, RetryAfterSeconds = 3 });

        var running = harness.Http.PostAsync("/v1/chat/completions", Http.Json(Chat(stream: false)), Ct);
        await WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref started) == 1));
        var queued = harness.Http.PostAsync("/v1/chat/completions", Http.Json(Chat(stream: false)), Ct);
        await WaitUntilAsync(async () => (await harness.MetricsAsync()).Contains("understudy_queue_depth 1\n", StringComparison.Ordinal));
        var refused = await harness.Http.PostAsync("/v1/chat/completions", Http.Json(Chat(stream: true)), Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), refused.Headers.RetryAfter!.Delta);
        Http.AssertError(JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement, "rate_limit_error", null, "queue_full");
        release.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await running).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await queued).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await harness.Http.GetAsync("/health", Ct)).StatusCode);
        Assert.Contains("understudy_requests_total{endpoint=\"chat_completions\",status=\"429\"} 1\n", await harness.MetricsAsync());
    }
}
