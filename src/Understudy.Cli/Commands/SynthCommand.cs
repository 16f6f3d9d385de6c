using System.CommandLine;
using Spectre.Console;
using Microsoft.Extensions.AI;
using Understudy.Cli.Display;
using Understudy.Cli.Hosting;
using Understudy.Core.Prompts;
using Understudy.Llm.Accounting;
using Understudy.Pipelines.Synthesis;
using static Understudy.Cli.Commands.Pipelines.PipelineCommandSupport;

namespace Understudy.Cli.Commands;

/// <summary><c>understudy synth</c>: the service LLM writes new training pairs like sampled seed rows.</summary>
public static class SynthCommand
{
    public static Command Create() => ConfigCommand.Create<SynthConfig>(
        "synth", "Generate exactly num_samples new synthetic training rows from seed rows (resumes where it stopped)", RunAsync);

    private static async Task<int> RunAsync(ConfigCommandContext<SynthConfig> context, CancellationToken cancellationToken)
    {
        SynthConfig config = context.Config;
        var store = OpenStore(context.Workspace);
        PromptTemplate template = PromptLibrary.Load(config.PromptTmplPath).Get(PromptNames.SynthDataGen);
        var ledger = new UsageLedger();
        using IChatClient generator = ChatClients.Create(config.ToServiceLlmOptions(config.GenWorkers), "generator", ledger);
        SynthResult result = await context.Progress.RunAsync(SynthPipeline.StageName,
            progress => new SynthPipeline(store).RunAsync(config, generator, template, progress.WithCost(ledger), cancellationToken,
                () => ledger.Snapshot().CostUsd));

        SummaryTable.Write(context.Console, $"synth: {result.OutputDatasetId}:{result.OutputSplit}", ["", "value"],
        [
            ["rows made / asked", $"{Count(result.Produced)} / {Count(result.Requested)}"],
            ["rows published", Count(result.Published)],
            ["generator calls (failed)", $"{Count(result.Calls)} ({Count(result.FailedCalls)})"],
            ["pairs dropped: invalid / duplicate / surplus", $"{result.InvalidPairs} / {result.DuplicatePairs} / {result.SurplusPairs}"],
            ["tokens in / out", $"{Count(result.InputTokens)} / {Count(result.OutputTokens)}"],
            ["cost", Cost(ledger)],
        ]);
        context.Run.AddInput($"{config.ReferenceDsId}:{config.ReferenceDsSplit}").AddOutput($"{result.OutputDatasetId}:{result.OutputSplit}")
            .SetMetric("rows", result.Produced).SetMetric("published", result.Published).SetMetric("calls", result.Calls)
            .SetMetric("failed_calls", result.FailedCalls).SetMetric("duplicates", result.DuplicatePairs)
            .SetMetric("input_tokens", result.InputTokens).SetMetric("output_tokens", result.OutputTokens)
            .SetMetric("cost_usd", (double)ledger.Snapshot().CostUsd);
        if (!result.Completed)
        {
            context.Console.WriteLine("synth stopped early: " + result.StopReason);
            return ExitCodes.Failure;
        }
        return ExitCodes.Success;
    }
}
