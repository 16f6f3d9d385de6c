using System.Text.Json;
using Microsoft.Extensions.AI;
using Understudy.Core.Datasets;
using Understudy.Pipelines.BatchInference;
using Understudy.Pipelines.Common;
using Understudy.Pipelines.Tests.Fakes;
using Understudy.Testing;

namespace Understudy.Pipelines.Tests.BatchInference;

public sealed class BatchInferencePipelineTests
{
    private static BatchInferenceConfig Config(int repeat = 2, int bs = 3) => new()
    {
        FtModelId = "student",
        FtModelRevision = "v1",
        TestDsId = "coverage",
        TestDsSplit = "test",
        LmResponseDsId = "responses",
        Repeat = repeat,
        InferenceBs = bs,
    };

    private static async Task<InMemoryDatasetStore> StoreWithTestSplit(int rows)
    {
        var store = new InMemoryDatasetStore();
        await Rows.SeedAsync(store, "coverage", "test", Rows.CoverageSet(rows));
        return store;
    }

    [Fact]
    public async Task RunAsync_writes_repeat_samples_per_prompt_with_ids_model_and_generation_config()
    {
        var store = await StoreWithTestSplit(5);
        var client = ChatClients.From(prompt => "answer to " + prompt);

        var result = await new BatchInferencePipeline(store).RunAsync(Config(), new ModelClient(client, "student", "v1"),
            cancellationToken: TestContext.Current.CancellationToken);

        var rows = store.Rows<InferenceRow>("responses", "batch_infer");
        Assert.Equal(10, rows.Count);
        Assert.Equal(10, result.GeneratedPairs);
        var coverage = store.Rows<CoverageRow>("coverage", "test");
        foreach (CoverageRow test in coverage)
        {
            var samples = rows.Where(r => r.PromptId == test.PromptId).OrderBy(r => r.RepeatIndex).ToList();
            Assert.Equal([0, 1], samples.Select(s => s.RepeatIndex));
            Assert.All(samples, s =>
            {
                Assert.Equal(test.Prompt, s.Instructions);
                Assert.Equal(test.Messages[1].Content, s.TargetResponses);
                Assert.Equal("answer to " + test.Prompt, s.CandidateResponses);
                Assert.Equal(("student", "v1"), (s.ModelId, s.ModelSha));
                Assert.Equal(0.7, JsonDocument.Parse(s.GenerationConfig).RootElement.GetProperty("temperature").GetDouble(), 3);
            });
            Assert.NotEqual(SeedOf(samples[0]), SeedOf(samples[1]));
        }
    }

    [Fact]
    public async Task RunAsync_records_a_failing_generation_and_goes_on_with_the_other_rows()
    {
        var store = await StoreWithTestSplit(4);
        var client = ChatClients.From(prompt => prompt.StartsWith("ticket 2:", StringComparison.Ordinal)
            ? throw new HttpRequestException("500 Internal Server Error")
            : "ok");

        var result = await new BatchInferencePipeline(store).RunAsync(Config(repeat: 1), new ModelClient(client, "student", "v1"),
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((3, 1), (result.GeneratedPairs, result.FailedPairs));
        FailureRow failure = Assert.Single(store.Rows<FailureRow>("responses", "batch_infer_failures"));
        Assert.Contains("500 Internal Server Error", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(store.Rows<CoverageRow>("coverage", "test")[2].PromptId, failure.PromptId);
    }

    [Fact]
    public async Task RunAsync_rerun_retries_failed_pairs_and_clears_their_failure_records()
    {
        var store = await StoreWithTestSplit(4);
        bool broken = true;
        var client = ChatClients.From(prompt => broken && prompt.StartsWith("ticket 1:", StringComparison.Ordinal)
            ? throw new TimeoutException("timed out") : "ok");
        var pipeline = new BatchInferencePipeline(store);
        await pipeline.RunAsync(Config(), new ModelClient(client, "student", "v1"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, store.Rows<FailureRow>("responses", "batch_infer_failures").Count);

        broken = false;
        var rerun = await pipeline.RunAsync(Config(), new ModelClient(client, "student", "v1"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((6, 2, 0), (rerun.ResumedPairs, rerun.GeneratedPairs, rerun.FailedPairs));
        Assert.Equal(8, store.Rows<InferenceRow>("responses", "batch_infer").Count);
        Assert.False(store.Has("responses", "batch_infer_failures"));
    }

    [Fact]
    public async Task RunAsync_cancelled_midway_then_rerun_neither_loses_nor_duplicates_rows()
    {
        var store = await StoreWithTestSplit(10);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        int calls = 0;
        var client = ChatClients.FromAsync(async (prompt, ct) =>
        {
            if (Interlocked.Increment(ref calls) == 9)
            {
                await cancel.CancelAsync();
            }
            await Task.Delay(5, ct);
            return "answer " + prompt;
        });
        var pipeline = new BatchInferencePipeline(store);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            pipeline.RunAsync(Config(), new ModelClient(client, "student", "v1"), cancellationToken: cancel.Token));
        int afterCancel = store.Rows<InferenceRow>("responses", "batch_infer").Count;
        var result = await pipeline.RunAsync(Config(), new ModelClient(client, "student", "v1"), cancellationToken: TestContext.Current.CancellationToken);

        var rows = store.Rows<InferenceRow>("responses", "batch_infer");
        Assert.InRange(afterCancel, 1, 19);
        Assert.Equal(afterCancel, result.ResumedPairs);
        Assert.Equal(20, rows.Count);
        Assert.Equal(20, rows.Select(r => (r.PromptId, r.RepeatIndex)).Distinct().Count());
    }

    [Fact]
    public async Task RunAsync_after_a_crash_while_writing_resumes_from_the_batches_already_written()
    {
        var store = await StoreWithTestSplit(6);
        var client = ChatClients.From(_ => "ok");
        var pipeline = new BatchInferencePipeline(store);
        store.FailAppendAfter = 3;

        await Assert.ThrowsAsync<IOException>(() =>
            pipeline.RunAsync(Config(), new ModelClient(client, "student", "v1"), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(6, store.Rows<InferenceRow>("responses", "batch_infer").Count);
        store.FailAppendAfter = null;
        await pipeline.RunAsync(Config(), new ModelClient(client, "student", "v1"), cancellationToken: TestContext.Current.CancellationToken);

        var rows = store.Rows<InferenceRow>("responses", "batch_infer");
        Assert.Equal(12, rows.Select(r => (r.PromptId, r.RepeatIndex)).Distinct().Count());
        Assert.Equal(12, rows.Count);
    }

    [Fact]
    public async Task RunAsync_with_append_false_replaces_a_different_models_output_but_resumes_its_own()
    {
        var store = await StoreWithTestSplit(3);
        var pipeline = new BatchInferencePipeline(store);
        var config = Config(repeat: 1);
        config.LmResponseAppend = false;
        await pipeline.RunAsync(config, new ModelClient(ChatClients.From(_ => "old"), "student", "v1"), cancellationToken: TestContext.Current.CancellationToken);

        var sameRun = await pipeline.RunAsync(config, new ModelClient(ChatClients.From(_ => "old"), "student", "v1"), cancellationToken: TestContext.Current.CancellationToken);
        var newModel = await pipeline.RunAsync(config, new ModelClient(ChatClients.From(_ => "new"), "student", "v2"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((3, false), (sameRun.ResumedPairs, sameRun.DiscardedEarlierOutput));
        Assert.True(newModel.DiscardedEarlierOutput);
        Assert.All(store.Rows<InferenceRow>("responses", "batch_infer"), r => Assert.Equal(("new", "v2"), (r.CandidateResponses, r.ModelSha)));
    }

    private static long SeedOf(InferenceRow row) => JsonDocument.Parse(row.GenerationConfig).RootElement.GetProperty("seed").GetInt64();
}
