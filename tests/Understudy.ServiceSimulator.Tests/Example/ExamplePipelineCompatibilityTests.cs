using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using Understudy.Core.Configuration;
using Understudy.Pipelines.BatchInference;
using Understudy.Pipelines.Common;
using Understudy.Pipelines.Evaluation;
using Understudy.Pipelines.Merge;
using Understudy.Pipelines.Synthesis;
using Understudy.ServiceSimulator.Hosting;
using Understudy.ServiceSimulator.TicketTriage;
using Understudy.ServiceSimulator.Tests.Support;

namespace Understudy.ServiceSimulator.Tests.Example;

/// <summary>
/// The bundled example's configs load into the pipelines' config classes, and the pipelines' own judge and
/// generator (their prompt rendering, structured-output request and answer validation) work against the simulator.
/// </summary>
public sealed class ExamplePipelineCompatibilityTests
{
    private static readonly GeneratedTicket Ticket = new TicketGenerator(seed: 21).Next(TicketCategory.Billing);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_example_config_loads_and_points_at_the_simulator_on_the_default_port()
    {
        var batch = Load<BatchInferenceConfig>("batch_inference.yaml");
        var evaluation = Load<EvaluationConfig>("evaluation.yaml");
        var synth = Load<SynthConfig>("synth_data_gen.yaml");
        Load<MergeConfig>("dataset_merge.yaml");

        string baseUrl = $"http://127.0.0.1:{ServiceSimulatorOptions.DefaultPort}/v1";
        Assert.Equal((SimulatorModels.Student, baseUrl), (batch.FtModelId, batch.FtModelBaseUrl));
        Assert.Equal((SimulatorModels.Teacher, baseUrl), (evaluation.ServiceModelName, evaluation.ServiceBaseUrl));
        Assert.Equal((SimulatorModels.Teacher, baseUrl), (synth.ServiceModelName, synth.ServiceBaseUrl));
        Assert.True(File.Exists(Path.Combine(ExamplePrompts.RepositoryRoot(), evaluation.PromptTmplPath)));
    }

    [Fact]
    public async Task The_pipelines_judge_gets_a_valid_verdict_from_the_simulator()
    {
        await using ServiceSimulatorServer server = await SimulatorClients.StartAsync();
        var config = Load<EvaluationConfig>("evaluation.yaml");
        var judge = new LlmJudge(ChatClient(server, config.ServiceModelName), config, ExamplePrompts.Prompt("eval"), new TokenUsage());
        string candidate = (Ticket.Truth with { Sentiment = TicketSentiment.Positive == Ticket.Truth.Sentiment ? TicketSentiment.Negative : TicketSentiment.Positive }).ToJson();

        Judgement judgement = await judge.JudgeAsync(judge.RenderPrompt(TriagePrompt.Build(Ticket.Text), Ticket.Truth.ToJson(), candidate), Cancel);

        Assert.Equal("ok", judgement.Status);
        Assert.Equal(83, judgement.Verdict!.SimilarityScore);
        Assert.Equal(90, judgement.Verdict.PrecisionScore);
    }

    [Fact]
    public async Task The_pipelines_generator_gets_valid_pairs_from_the_simulator()
    {
        await using ServiceSimulatorServer server = await SimulatorClients.StartAsync();
        var config = Load<SynthConfig>("synth_data_gen.yaml");
        var generator = new SynthGenerator(ChatClient(server, config.ServiceModelName), config, ExamplePrompts.Prompt("synth_data_gen"), new TokenUsage());
        var seed = new SeedRow("seed-1", TriagePrompt.Build(Ticket.Text), Ticket.Truth.ToJson(), "billing");

        StructuredOutcome<SynthBatch> outcome = await generator.GenerateAsync(seed, callIndex: 0, Cancel);

        Assert.True(outcome.Succeeded, outcome.FailureReason);
        Assert.Equal(config.PairsPerCall, outcome.Value!.Pairs.Count);
        Assert.All(outcome.Value.Pairs, pair =>
        {
            Assert.True(TriagePrompt.TryExtractTicket(pair.Instruction, out string ticket));
            Assert.Equal(TriageExtractor.Triage(ticket).ToJson(), pair.Response);
        });
    }

    private static T Load<T>(string file)
        where T : class, new() =>
        ConfigLoader.Load<T>(Path.Combine(ExamplePrompts.RepositoryRoot(), "examples", "ticket-triage", file)).Config;

    private static IChatClient ChatClient(ServiceSimulatorServer server, string model) =>
        new OpenAIClient(new ApiKeyCredential("any-key"), new OpenAIClientOptions { Endpoint = server.BaseUrl })
            .GetChatClient(model).AsIChatClient();
}
