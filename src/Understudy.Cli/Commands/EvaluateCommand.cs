using System.CommandLine;
using Spectre.Console;
using Microsoft.Extensions.AI;
using Understudy.Cli.Display;
using Understudy.Cli.Hosting;
using Understudy.Core.Prompts;
using Understudy.Llm.Accounting;
using Understudy.Pipelines.Evaluation;
using static Understudy.Cli.Commands.Pipelines.PipelineCommandSupport;

namespace Understudy.Cli.Commands;

/// <summary><c>understudy evaluate</c>: the service LLM judges the responses; prints and stores the verdict.</summary>
public static class EvaluateCommand
{
    public static Command Create() => ConfigCommand.Create<EvaluationConfig>(
        "evaluate", "Have the service LLM judge batch-infer responses (similarity, precision) and give a pass/fail verdict", RunAsync);

    private static async Task<int> RunAsync(ConfigCommandContext<EvaluationConfig> context, CancellationToken cancellationToken)
    {
        EvaluationConfig config = context.Config;
        var store = OpenStore(context.Workspace);
        PromptTemplate template = PromptLibrary.Load(config.PromptTmplPath).Get(PromptNames.Eval);
        var ledger = new UsageLedger();
        using IChatClient judge = ChatClients.Create(config.ToServiceLlmOptions(config.EvalWorkers), "judge", ledger);
        EvaluationResult result = await context.Progress.RunAsync(EvaluationPipeline.StageName,
            progress => new EvaluationPipeline(store).RunAsync(config, judge, template, progress.WithCost(ledger), cancellationToken));

        SummaryTable.Write(context.Console, $"evaluate: {result.OutputDatasetId}:{result.OutputSplit} (judge {config.ServiceModelName}, k = {config.EvalRepeat})",
            ["model", "responses", "judgements (failed)", "similarity mean / median / std", "sim cov@50 / @70",
             "precision mean / median / std", "prec cov@50 / @70", "verdict"],
            result.Summaries.Select(s => (IReadOnlyList<string>)
            [
                $"{s.ModelId} @ {s.ModelSha}", $"{s.ScoredResponses}/{s.Responses}", $"{s.Judgements} ({s.FailedJudgements})",
                $"{Number(s.SimilarityMean)} / {Number(s.SimilarityMedian)} / {Number(s.SimilarityStd)}",
                $"{Percent(s.SimilarityCoverage50)} / {Percent(s.SimilarityCoverage70)}",
                $"{Number(s.PrecisionMean)} / {Number(s.PrecisionMedian)} / {Number(s.PrecisionStd)}",
                $"{Percent(s.PrecisionCoverage50)} / {Percent(s.PrecisionCoverage70)}",
                $"{s.Verdict.ToUpperInvariant()} (thresholds {s.AvgSimilarityThreshold:0.#} / {s.AvgPrecisionThreshold:0.#})",
            ]));
        context.Console.MarkupLineInterpolated($"judge usage: {Count(result.InputTokens)} tokens in / {Count(result.OutputTokens)} out, cost {Cost(ledger)}");
        context.Run.AddInput($"{config.LmResponseDsId}:{config.LmResponseDsSplit}").AddOutput($"{result.OutputDatasetId}:{result.OutputSplit}")
            .SetVerdict(result.Passed ? "pass" : "fail")
            .SetMetric("responses", result.Responses).SetMetric("resumed", result.ResumedResponses)
            .SetMetric("judge_calls", result.JudgeCalls).SetMetric("failed_judgements", result.FailedJudgements)
            .SetMetric("input_tokens", result.InputTokens).SetMetric("output_tokens", result.OutputTokens)
            .SetMetric("cost_usd", (double)ledger.Snapshot().CostUsd);
        foreach (EvaluationSummaryRow summary in result.Summaries)
        {
            context.Run.SetMetric($"{summary.ModelId}.similarity_mean", summary.SimilarityMean)
                .SetMetric($"{summary.ModelId}.precision_mean", summary.PrecisionMean);
        }
        return ExitCodes.Success;
    }
}
