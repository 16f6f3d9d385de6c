using System.CommandLine;
using Spectre.Console;
using Understudy.Cli.Commands.Runs;
using Understudy.Cli.Display;
using Understudy.Cli.Hosting;
using Understudy.Core.Configuration;
using Understudy.Core.Lineage;
using Understudy.Pipelines.Costs;
using Understudy.Pipelines.Duo.Reporting;
using Understudy.Pipelines.Reporting;
using static Understudy.Cli.Commands.Pipelines.PipelineCommandSupport;

namespace Understudy.Cli.Commands;

/// <summary>
/// <c>understudy report RUN</c>: one self-contained HTML file for a pipeline run of the run store: judge-score
/// distributions per iteration (student and teacher), coverage, loss curves, dataset sizes and curation, tokens and
/// cost per role, the service-vs-local cost comparison, and the worst answers with the judge's reasons.
/// </summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "The pipeline run id (see 'understudy runs list')" };
        var output = new Option<string>("--output") { Description = "The HTML file to write (default: report-<run>.html)", HelpName = "path" };
        var costConfig = new Option<string>("--cost-config")
        {
            Description = "YAML of the cost comparison's assumptions (service_model, prices per million tokens, hardware_hourly_usd, requests_per_day...)",
            HelpName = "path",
        };
        var command = new Command("report", "Write a self-contained HTML report of a pipeline run (charts, scores, costs, worst answers)") { run, output, costConfig };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            string runId = parseResult.GetValue(run)!;
            if (RunsLineageCommands.Open(parseResult) is not { } lineage || lineage.GetRun(runId) is null)
            {
                await error.WriteLineAsync($"error: no pipeline run '{runId}' in the run store (list them with 'understudy runs list')");
                return ExitCodes.UsageError;
            }
            var console = CliConsole.Create(parseResult.InvocationConfiguration.Output);
            RunReportData data = await new DuoReportBuilder(OpenStore(GlobalOptions.ResolveWorkspace(parseResult)), lineage).BuildAsync(runId, cancellationToken);
            try
            {
                CostConfig assumptions = parseResult.GetValue(costConfig) is { Length: > 0 } path ? ConfigLoader.Load<CostConfig>(path).Config : new CostConfig();
                data = data with { Cost = new CostEstimator().Compare(DuoCostMeasurements.From(lineage.GetSteps(runId), data.Usage), assumptions) };
            }
            catch (CostEstimateException e)
            {
                console.WriteLine($"note: no service-vs-local cost comparison in the report: {e.Message} (give the assumptions with --cost-config)");
            }
            catch (ConfigException e)
            {
                await error.WriteLineAsync("error: " + e.Message);
                return ExitCodes.UsageError;
            }
            string file = Path.GetFullPath(parseResult.GetValue(output) is { Length: > 0 } given ? given : $"report-{runId}.html");
            HtmlReportWriter.Write(data, file);
            console.WriteLine($"Report: {file}");
            return ExitCodes.Success;
        });
        return command;
    }
}
