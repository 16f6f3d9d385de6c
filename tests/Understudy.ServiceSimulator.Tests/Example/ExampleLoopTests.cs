using Microsoft.Extensions.AI;
using Understudy.Core.Configuration;
using Understudy.Core.Datasets;
using Understudy.Core.Datasets.Import;
using Understudy.Core.Datasets.Storage;
using Understudy.Llm.Providers;
using Understudy.Pipelines.BatchInference;
using Understudy.Pipelines.Evaluation;
using Understudy.Pipelines.Merge;
using Understudy.Pipelines.Synthesis;
using Understudy.ServiceSimulator.Hosting;
using Understudy.ServiceSimulator.TicketTriage;
using Understudy.ServiceSimulator.Tests.Support;

namespace Understudy.ServiceSimulator.Tests.Example;

/// <summary>
/// The bundled example end to end, with the production pieces the CLI wires (Parquet store, importer, service
/// client factory with its retry middleware, the four pipelines) and the simulator injecting faults.
/// </summary>
public sealed class ExampleLoopTests : IDisposable
{
    private readonly string _workspace = Directory.CreateTempSubdirectory("understudy-example-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_example_runs_import_batch_infer_evaluate_synth_and_merge_against_the_simulator()
    {
        await using ServiceSimulatorServer server = await SimulatorClients.StartAsync(failRate: 0.05, studentErrorRate: 0.15, seed: 1);
        string url = server.BaseUrl.ToString();
        var store = new ParquetDatasetStore(_workspace);
        var factory = new ServiceChatClientFactory();

        ImportReport imported = await new DatasetImporter(store).ImportAsync(ExampleFile("coverage.jsonl"), "ticket-triage/coverage", new ImportOptions(), Cancel);
        Assert.Equal((64, 16), (imported.TrainRows, imported.TestRows));

        var batchConfig = Load<BatchInferenceConfig>("batch_inference.yaml", "ft_model_base_url", url);
        ModelClient student = await new EndpointModelClientResolver(options => factory.Create(options, "student")).ResolveAsync(batchConfig, Cancel);
        BatchInferenceResult inferred = await new BatchInferencePipeline(store).RunAsync(batchConfig, student, cancellationToken: Cancel);
        Assert.Equal((16, 0), (inferred.GeneratedPairs, inferred.FailedPairs));

        var evalConfig = Load<EvaluationConfig>("evaluation.yaml", "service_base_url", url);
        IChatClient judge = factory.Create(evalConfig.ToServiceLlmOptions(evalConfig.EvalWorkers), "judge");
        EvaluationResult evaluated = await new EvaluationPipeline(store).RunAsync(evalConfig, judge, ExamplePrompts.Prompt("eval"), cancellationToken: Cancel);
        Assert.Equal(0, evaluated.FailedJudgements);
        Assert.False(evaluated.Passed, "the student simulator makes mistakes, so the verdict must be fail");
        EvaluationSummaryRow summary = Assert.Single(evaluated.Summaries);
        Assert.Equal((SimulatorModels.Student, 16), (summary.ModelId, summary.ScoredResponses));
        Assert.InRange(summary.SimilarityMean, 60, 89.9); // 15 % of fields wrong: about 85 expected
        Assert.InRange(summary.PrecisionMean, 60, 89.9);
        TestContext.Current.TestOutputHelper?.WriteLine($"similarity mean {summary.SimilarityMean:F1}, precision mean {summary.PrecisionMean:F1}");

        var synthConfig = Load<SynthConfig>("synth_data_gen.yaml", "service_base_url", url);
        IChatClient generator = factory.Create(synthConfig.ToServiceLlmOptions(synthConfig.GenWorkers), "generator");
        SynthResult synthesised = await new SynthPipeline(store).RunAsync(synthConfig, generator, ExamplePrompts.Prompt("synth_data_gen"), cancellationToken: Cancel);
        Assert.True(synthesised.Completed, synthesised.StopReason);
        Assert.Equal(synthConfig.NumSamples, synthesised.Published);
        await foreach (SynthRow row in store.ReadAsync<SynthRow>(synthConfig.SynthDsId, synthConfig.SynthDsSplit, Cancel))
        {
            Assert.True(TriagePrompt.TryExtractTicket(row.Prompt, out string ticket));
            Assert.Equal(TriageExtractor.Triage(ticket).ToJson(), row.Messages[^1].Content);
        }

        MergeResult merged = await new MergePipeline(store).RunAsync(Load<MergeConfig>("dataset_merge.yaml"), Cancel);
        Assert.Equal((64 + synthConfig.NumSamples, 16), (merged.TrainRows, merged.TestRows));
    }

    public void Dispose() => Directory.Delete(_workspace, recursive: true);

    private static string ExampleFile(string name) => Path.Combine(ExamplePrompts.RepositoryRoot(), "examples", "ticket-triage", name);

    private static T Load<T>(string file, params string[] keyValues)
        where T : class, new()
    {
        var overrides = new Dictionary<string, string>();
        for (int index = 0; index + 1 < keyValues.Length; index += 2)
        {
            overrides[keyValues[index]] = keyValues[index + 1];
        }
        return ConfigLoader.Load<T>(ExampleFile(file), overrides).Config;
    }
}
