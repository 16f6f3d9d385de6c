using System.CommandLine;
using Spectre.Console;
using Understudy.Cli.Display;
using Understudy.Cli.Hosting;
using Understudy.Pipelines.Curation;
using static Understudy.Cli.Commands.Pipelines.PipelineCommandSupport;

namespace Understudy.Cli.Commands;

/// <summary>
/// <c>understudy curate</c>: cleans a training dataset (filters, decontamination against test datasets, exact and
/// near dedup) into a new dataset, and prints and saves what each rule removed.
/// </summary>
public static class CurateCommand
{
    private const int ExamplesShown = 2;
    private const int ExampleWidth = 90;

    public static Command Create() => ConfigCommand.Create<CurationConfig>(
        "curate", "Curate a training dataset: rule filters, decontamination against test sets, exact and MinHash/ROUGE-L near dedup", RunAsync);

    private static async Task<int> RunAsync(ConfigCommandContext<CurationConfig> context, CancellationToken cancellationToken)
    {
        CurationConfig config = context.Config;
        CurationResult result = await context.Progress.RunAsync(CurationPipeline.StageName,
            progress => new CurationPipeline(OpenStore(context.Workspace)).RunAsync(config, progress, cancellationToken),
            metrics: []);
        CurationReport report = result.Report;

        SummaryTable.Write(context.Console, $"curate: {report.Input} → {report.Output}", ["rule", "removed", "what it removes"],
        [
            .. report.Rules.Select(r => (IReadOnlyList<string>)[r.Rule, Count(r.Removed), r.Description]),
            ["kept", Count(report.Kept), $"of {Count(report.InputRows)} input rows" + (result.ResumedRows > 0 ? $" ({Count(result.ResumedRows)} already written by an earlier run)" : "")],
        ]);
        foreach (CurationRuleReport rule in report.Rules.Where(r => r.Examples.Count > 0))
        {
            foreach (CurationExample example in rule.Examples.Take(ExamplesShown))
            {
                string matched = example.MatchedPrompt is null ? "" : $"  ~ \"{Clip(example.MatchedPrompt)}\"";
                context.Console.WriteLine($"{rule.Rule}: row {example.RowIndex} \"{Clip(example.Prompt)}\" — {example.Reason}{matched}");
            }
        }
        context.Console.WriteLine($"report: {result.ReportPath}");

        context.Run.AddInput(report.Input).AddOutput(report.Output).AddOutput(result.ReportPath)
            .SetMetric("input_rows", report.InputRows).SetMetric("kept", report.Kept).SetMetric("removed", report.Removed);
        foreach (CurationRuleReport rule in report.Rules)
        {
            context.Run.SetMetric("removed_" + rule.Rule, rule.Removed);
        }
        return ExitCodes.Success;
    }

    private static string Clip(string text)
    {
        string line = text.ReplaceLineEndings(" ");
        return line.Length <= ExampleWidth ? line : line[..(ExampleWidth - 1)] + "…";
    }
}
