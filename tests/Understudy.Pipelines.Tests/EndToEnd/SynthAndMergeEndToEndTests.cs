using System.Text.Json;
using Understudy.Core.Datasets;
using Understudy.Core.Prompts;
using Understudy.Pipelines.Common;
using Understudy.Pipelines.Merge;
using Understudy.Pipelines.Synthesis;
using Understudy.Pipelines.Tests.Fakes;
using Understudy.Testing;

namespace Understudy.Pipelines.Tests.EndToEnd;

/// <summary>synth then merge over HTTP against the scripted server, with a Parquet store on disk.</summary>
public sealed class SynthAndMergeEndToEndTests
{
    private const string Template = "Like: $instruction -> $response. Write $num_pairs pairs about $topic as JSON.";

    private static readonly PromptTemplate Prompt = new("synth_data_gen", Template);

    /// <summary>Every 4th call fails (500, malformed body, prose); the rest give 3 pairs, one of them a duplicate.</summary>
    private static ScriptedReply Script(ChatRequest request) => (request.Sequence % 8) switch
    {
        3 => ScriptedReply.Error(500),
        7 => request.Sequence % 16 == 7 ? ScriptedReply.Malformed() : ScriptedReply.Text("Sorry, here are some ideas: ..."),
        _ => ScriptedReply.Json(new
        {
            contents = new object[]
            {
                new { instruction = $"ticket {request.Sequence}a: VPN drops", response = "{\"team\": \"net\"}" },
                new { instruction = $"ticket {request.Sequence}b: invoice wrong", response = "{\"team\": \"billing\"}" },
                new { instruction = "always the same ticket", response = "{}" },
            },
        }),
    };

    [Fact]
    public async Task Synth_makes_exactly_num_samples_rows_despite_faults_and_merge_twice_never_duplicates()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(Script, cancellationToken: TestContext.Current.CancellationToken);
        using var workspace = new ParquetWorkspace();
        var coverage = Rows.CoverageSet(10);
        await workspace.Store.WriteAsync("coverage", "train", coverage.Take(8), DatasetProvenance.Manual("test"), TestContext.Current.CancellationToken);
        await workspace.Store.WriteAsync("coverage", "test", coverage.Skip(8), DatasetProvenance.Manual("test"), TestContext.Current.CancellationToken);
        var synthConfig = new SynthConfig
        {
            ServiceModelName = "teacher", ReferenceDsId = "coverage", NumSamples = 25, PairsPerCall = 3, GenWorkers = 3,
            Topic = "triage", SynthDsId = "synth", GenMaxReasks = 0,
        };
        using var teacher = ScriptedServerClients.For(server, "teacher");

        var synth = await new SynthPipeline(workspace.Store).RunAsync(synthConfig, teacher, Prompt, cancellationToken: TestContext.Current.CancellationToken);

        var rows = await workspace.RowsAsync<SynthRow>("synth", "train");
        Assert.True(synth.Completed, synth.StopReason);
        Assert.Equal(25, rows.Count);
        Assert.Equal(25, rows.Select(r => r.Prompt).Distinct().Count());
        Assert.True(synth.FailedCalls > 0);
        Assert.Equal(synth.FailedCalls, (await workspace.RowsAsync<FailureRow>("synth", "train_failures")).Count);
        Assert.All(rows, r => Assert.Contains(Assert.Single(r.PromptIds), coverage.Select(c => c.PromptId)));
        Assert.Contains(server.Requests, r => r.ResponseFormatType == "json_schema");

        var mergeConfig = new MergeConfig { FirstDsId = "coverage", SecondDsId = "synth", ResultDsId = "merged" };
        await new MergePipeline(workspace.Store).RunAsync(mergeConfig, TestContext.Current.CancellationToken);
        var again = await new MergePipeline(workspace.Store).RunAsync(mergeConfig, TestContext.Current.CancellationToken);

        var train = await workspace.RowsAsync<CoverageRow>("merged", "train");
        Assert.Equal(33, train.Count);
        Assert.Equal(33, train.Select(r => RowId.FromMessages(r.Messages)).Distinct().Count());
        Assert.Equal(2, (await workspace.RowsAsync<CoverageRow>("merged", "test")).Count);
        Assert.Equal(0, again.AddedTrainRows);
        Assert.Equal("triage", train.Single(r => r.Prompt == rows[0].Prompt).Category);
        _ = JsonSerializer.Serialize(again);
    }
}
