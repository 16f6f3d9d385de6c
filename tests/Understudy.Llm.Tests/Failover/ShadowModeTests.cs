using Microsoft.Extensions.AI;
using Understudy.Core.Datasets;
using Understudy.Core.Datasets.Storage;
using Understudy.Llm.Failover;
using Understudy.Llm.Failover.Shadow;
using Understudy.Testing;
using static Understudy.Llm.Tests.Failover.UnderstudyFailoverChatClientTests;

namespace Understudy.Llm.Tests.Failover;

public sealed class ShadowModeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "understudy-shadow-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Sampled_requests_become_rows_of_an_evaluation_input_dataset()
    {
        var store = new ParquetDatasetStore(_root);
        await using var recorder = new DatasetShadowRecorder(store, "shadow-eval", batchSize: 2);
        using var client = Shadowing(Answering("Category: billing", "gpt-4o-mini"), Answering("Category: billing!", "student-135m"), recorder);
        var ct = TestContext.Current.CancellationToken;

        foreach (var ticket in new[] { "refund please", "card declined", "invoice missing" })
        {
            await client.GetResponseAsync(ticket, cancellationToken: ct);
        }

        await client.WaitForShadowSamplesAsync(ct);
        await recorder.FlushAsync(ct);
        var rows = await store.ReadAsync<InferenceRow>("shadow-eval", "shadow", ct).ToListAsync(ct);

        Assert.Equal(["card declined", "invoice missing", "refund please"], rows.Select(r => r.Instructions).Order());
        Assert.All(rows, r =>
        {
            Assert.Equal("Category: billing", r.TargetResponses);
            Assert.Equal("Category: billing!", r.CandidateResponses);
            Assert.Equal("student-135m", r.ModelId);
            Assert.Equal(DatasetShadowRecorder.Category, r.Category);
        });
        Assert.Equal(3, rows.Select(r => r.PromptId).Distinct().Count());
    }

    [Fact]
    public async Task A_slow_shadow_answer_never_delays_the_caller()
    {
        var release = new TaskCompletionSource();
        var fallback = new TestChatClient
        {
            GetResponseAsyncCallback = async (_, _, ct) =>
            {
                await release.Task.WaitAsync(ct);
                return new ChatResponse(new ChatMessage(ChatRole.Assistant, "late"));
            },
        };
        var recorder = new ListRecorder();
        using var client = Shadowing(Answering("service", "gpt"), fallback, recorder);
        var ct = TestContext.Current.CancellationToken;

        var response = await client.GetResponseAsync("hello", cancellationToken: ct);

        Assert.Equal("service", response.Text);
        Assert.Empty(recorder.Samples);
        release.SetResult();
        await client.WaitForShadowSamplesAsync(ct);
        Assert.Equal("late", Assert.Single(recorder.Samples).Fallback.Text);
    }

    [Fact]
    public async Task Shadow_failures_are_kept_and_never_reach_the_caller()
    {
        var recorder = new ListRecorder { Failure = new IOException("disk full") };
        using var client = Shadowing(Answering("service", "gpt"), Failing(new InvalidOperationException("student crashed")), recorder);
        using var recorder2Client = Shadowing(Answering("service", "gpt"), Answering("student", "s"), recorder);
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal("service", (await client.GetResponseAsync("a", cancellationToken: ct)).Text);
        Assert.Equal("service", (await recorder2Client.GetResponseAsync("b", cancellationToken: ct)).Text);
        await client.WaitForShadowSamplesAsync(ct);
        await recorder2Client.WaitForShadowSamplesAsync(ct);

        Assert.Equal("student crashed", Assert.Single(client.ShadowErrors).Message);
        Assert.Equal("disk full", Assert.Single(recorder2Client.ShadowErrors).Message);
    }

    [Fact]
    public async Task Requests_outside_the_sample_or_answered_by_the_fallback_are_not_shadowed()
    {
        var recorder = new ListRecorder();
        using var unsampled = new UnderstudyFailoverChatClient(Answering("service", "gpt"), Answering("student", "s"),
            new FailoverOptions { ShadowSampleRate = 0.25, ShadowRecorder = recorder, ShadowSampler = () => 0.5 });
        using var failing = Shadowing(Failing(new HttpRequestException("503")), Answering("student", "s"), recorder);
        var ct = TestContext.Current.CancellationToken;

        await unsampled.GetResponseAsync("a", cancellationToken: ct);
        await failing.GetResponseAsync("b", cancellationToken: ct);
        await unsampled.WaitForShadowSamplesAsync(ct);
        await failing.WaitForShadowSamplesAsync(ct);

        Assert.Empty(recorder.Samples);
    }

    [Fact]
    public async Task A_streamed_primary_answer_is_shadowed_once_complete()
    {
        var recorder = new ListRecorder();
        using var client = Shadowing(Answering("streamed service answer", "gpt"), Answering("student", "s"), recorder);
        var ct = TestContext.Current.CancellationToken;

        await foreach (var _ in client.GetStreamingResponseAsync("hello", cancellationToken: ct))
        {
        }

        await client.WaitForShadowSamplesAsync(ct);
        Assert.Equal("streamed service answer", Assert.Single(recorder.Samples).Primary.Text);
    }

    [Fact]
    public void A_sample_rate_without_a_recorder_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new UnderstudyFailoverChatClient(
            Answering("a", "a"), Answering("b", "b"), new FailoverOptions { ShadowSampleRate = 0.1 }));
        Assert.Contains("ShadowRecorder", error.Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static UnderstudyFailoverChatClient Shadowing(IChatClient primary, IChatClient fallback, IShadowRecorder recorder) =>
        new(primary, fallback, new FailoverOptions { ShadowSampleRate = 1, ShadowRecorder = recorder });

    private sealed class ListRecorder : IShadowRecorder
    {
        private readonly List<ShadowSample> _samples = [];

        public Exception? Failure { get; init; }

        public IReadOnlyList<ShadowSample> Samples
        {
            get
            {
                lock (_samples)
                {
                    return [.. _samples];
                }
            }
        }

        public ValueTask RecordAsync(ShadowSample sample, CancellationToken cancellationToken)
        {
            if (Failure is not null)
            {
                throw Failure;
            }

            lock (_samples)
            {
                _samples.Add(sample);
            }

            return ValueTask.CompletedTask;
        }
    }
}
