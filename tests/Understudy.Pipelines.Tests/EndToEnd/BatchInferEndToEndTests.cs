using Understudy.Core.Datasets;
using Understudy.Pipelines.BatchInference;
using Understudy.Pipelines.Common;
using Understudy.Pipelines.Tests.Fakes;
using Understudy.Testing;

namespace Understudy.Pipelines.Tests.EndToEnd;

/// <summary>batch-infer over HTTP against the scripted server, with a Parquet store on disk.</summary>
public sealed class BatchInferEndToEndTests
{
    [Fact]
    public async Task BatchInfer_killed_midway_and_rerun_neither_loses_nor_duplicates_rows_and_records_server_errors()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bool serverErrors = true;
        await using var server = await ScriptedOpenAiServer.StartAsync(request =>
        {
            if (request.Sequence == 15)
            {
                cancel.Cancel();
            }
            string task = ScriptedServerClients.Task(request);
            return serverErrors && task.StartsWith("ticket 3:", StringComparison.Ordinal)
                ? ScriptedReply.Error(500)
                : ScriptedReply.Text("triage of " + task) with { Latency = TimeSpan.FromMilliseconds(10) };
        }, cancellationToken: TestContext.Current.CancellationToken);
        using var workspace = new ParquetWorkspace();
        await workspace.Store.WriteAsync("coverage", "test", Rows.CoverageSet(12), DatasetProvenance.Manual("test"), TestContext.Current.CancellationToken);
        var config = new BatchInferenceConfig
        {
            FtModelId = "student", FtModelRevision = "r1", TestDsId = "coverage", LmResponseDsId = "responses", Repeat = 2, InferenceBs = 4,
        };
        using var client = ScriptedServerClients.For(server, "student");
        var model = new ModelClient(client, "student", "r1");
        var pipeline = new BatchInferencePipeline(workspace.Store);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.RunAsync(config, model, cancellationToken: cancel.Token));
        int kept = (await workspace.RowsAsync<InferenceRow>("responses", "batch_infer")).Count;
        var second = await pipeline.RunAsync(config, model, cancellationToken: TestContext.Current.CancellationToken);

        Assert.InRange(kept, 1, 23);
        Assert.Equal(22, (await workspace.RowsAsync<InferenceRow>("responses", "batch_infer")).Count);
        Assert.Equal(2, (await workspace.RowsAsync<FailureRow>("responses", "batch_infer_failures")).Count);
        Assert.Equal(2, second.FailedPairs);

        serverErrors = false;
        var third = await pipeline.RunAsync(config, model, cancellationToken: TestContext.Current.CancellationToken);

        var rows = await workspace.RowsAsync<InferenceRow>("responses", "batch_infer");
        Assert.Equal((22, 2, 0), (third.ResumedPairs, third.GeneratedPairs, third.FailedPairs));
        Assert.Equal(24, rows.Select(r => (r.PromptId, r.RepeatIndex)).Distinct().Count());
        Assert.Equal(24, rows.Count);
        Assert.All(rows, r => Assert.Equal("triage of " + r.Instructions, r.CandidateResponses));
        Assert.Null(await workspace.Store.GetAsync("responses", TestContext.Current.CancellationToken) is { } info
            ? info.Splits.FirstOrDefault(s => s.Name == "batch_infer_failures") : null);
    }
}
