using System.CommandLine;
using Understudy.Cli.Commands.Pipelines;
using Understudy.Cli.Display;
using Understudy.Cli.Hosting;
using Understudy.Pipelines.BatchInference;
using static Understudy.Cli.Commands.Pipelines.PipelineCommandSupport;

namespace Understudy.Cli.Commands;

/// <summary><c>understudy batch-infer</c>: samples the model under test on a test split (resumable).</summary>
public static class BatchInferCommand
{
    public static Command Create() => ConfigCommand.Create<BatchInferenceConfig>(
        "batch-infer", "Run the model under test over a test split, `repeat` samples per prompt (resumes where it stopped)", RunAsync);

    private static async Task<int> RunAsync(ConfigCommandContext<BatchInferenceConfig> context, CancellationToken cancellationToken)
    {
        BatchInferenceConfig config = context.Config;
        var store = OpenStore(context.Workspace);
        var resolver = new ModelClientResolvers(
        [
            new EndpointModelClientResolver(options => ChatClients.Create(options, "student")),
            new LocalEngineModelClientResolver(),
        ]);
        ModelClient model = await resolver.ResolveAsync(config, cancellationToken);
        using var client = model.Client;
        BatchInferenceResult result = await context.Progress.RunAsync(BatchInferencePipeline.StageName,
            progress => new BatchInferencePipeline(store).RunAsync(config, model, progress, cancellationToken));

        SummaryTable.Write(context.Console, "batch-infer", ["", "value"],
        [
            ["output", $"{result.OutputDatasetId}:{result.OutputSplit}"],
            ["model", $"{model.ModelId} @ {model.ModelSha}"],
            ["pairs (prompt x repeat)", Count(result.TotalPairs)],
            ["resumed from earlier run", Count(result.ResumedPairs)],
            ["generated now", Count(result.GeneratedPairs)],
            ["failed (see " + result.OutputSplit + "_failures; rerun retries)", Count(result.FailedPairs)],
            ["tokens in / out", $"{Count(result.InputTokens)} / {Count(result.OutputTokens)}"],
        ]);
        context.Run.AddInput($"{config.TestDsId}:{config.TestDsSplit}").AddOutput($"{result.OutputDatasetId}:{result.OutputSplit}")
            .SetMetric("pairs", result.TotalPairs).SetMetric("generated", result.GeneratedPairs)
            .SetMetric("resumed", result.ResumedPairs).SetMetric("failed", result.FailedPairs)
            .SetMetric("input_tokens", result.InputTokens).SetMetric("output_tokens", result.OutputTokens);
        return result.FailedPairs == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
