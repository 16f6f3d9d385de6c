using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Understudy.Cli.Display;
using Understudy.Cli.Hosting;
using Understudy.Core.Runs;

namespace Understudy.Cli.Commands;

/// <summary>
/// <c>understudy runs</c>: lists the run summaries of the workspace (newest first);
/// <c>understudy runs show ID</c> prints one run's metrics and configuration. Pipeline runs of the run store
/// (<c>duo</c>) are listed by <c>runs list</c>, shown with their steps and lineage by <c>runs show RUN</c> and compared
/// by <c>runs diff RUN_A RUN_B</c>.
/// </summary>
public static class RunsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var commandFilter = new Option<string?>("--command") { Description = "Only runs of this command (e.g. evaluate)", HelpName = "name" };
        var last = new Option<int>("--last") { Description = "How many runs to list", DefaultValueFactory = _ => 20, HelpName = "n" };
        var runs = new Command("runs", "List the run summaries in <workspace>/runs (newest first)") { commandFilter, last };
        runs.SetAction(async parseResult =>
        {
            var console = CliConsole.Create(parseResult.InvocationConfiguration.Output);
            var store = new RunSummaryStore(GlobalOptions.ResolveWorkspace(parseResult));
            List<RunSummary> summaries;
            try
            {
                summaries = store.List(parseResult.GetValue(commandFilter)).Take(Math.Max(1, parseResult.GetValue(last))).ToList();
            }
            catch (InvalidDataException e)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}; move or delete that file");
                return ExitCodes.Failure;
            }

            if (summaries.Count == 0)
            {
                console.WriteLine($"No runs in {store.Folder}.");
                return ExitCodes.Success;
            }

            SummaryTable.Write(console, $"Runs in {store.Folder}", ["id", "status", "verdict", "metrics", "duration", "config hash"],
                summaries.Select(s => (IReadOnlyList<string>)
                [
                    s.Id, s.Status.ToString().ToLowerInvariant(), s.Verdict ?? "-",
                    string.Join(", ", s.Metrics.Take(3).Select(m => $"{m.Key}={m.Value.ToString("0.##", CultureInfo.InvariantCulture)}")),
                    ProgressText.FormatDuration(s.Duration), s.ConfigHash,
                ]));
            return ExitCodes.Success;
        });

        runs.Subcommands.Add(CreateShow());
        runs.Subcommands.Add(Runs.RunsLineageCommands.CreateList());
        runs.Subcommands.Add(Runs.RunsLineageCommands.CreateDiff());
        return runs;
    }

    private static Command CreateShow()
    {
        var id = new Argument<string>("id") { Description = "A pipeline run id ('understudy runs list') or a command run id ('understudy runs')" };
        var show = new Command("show", "Print one run: a pipeline run's steps and lineage, or a command run's verdict, metrics and configuration") { id };
        show.SetAction(async parseResult =>
        {
            if (Runs.RunsLineageCommands.TryShow(parseResult, parseResult.GetValue(id)!))
            {
                return ExitCodes.Success;
            }
            var store = new RunSummaryStore(GlobalOptions.ResolveWorkspace(parseResult));
            var path = Path.Combine(store.Folder, parseResult.GetValue(id) + ".json");
            if (!File.Exists(path))
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"error: no run summary {path} (list them with 'understudy runs')");
                return ExitCodes.UsageError;
            }

            RunSummary summary;
            try
            {
                summary = RunSummaryStore.Read(path);
            }
            catch (InvalidDataException e)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Failure;
            }

            var console = CliConsole.Create(parseResult.InvocationConfiguration.Output);
            SummaryTable.Write(console, $"{summary.Id}", ["", "value"],
            [
                ["command", summary.Command], ["status", summary.Status.ToString().ToLowerInvariant()], ["exit code", summary.ExitCode.ToString(CultureInfo.InvariantCulture)],
                ["verdict", summary.Verdict ?? "-"], ["started", summary.StartedAt.ToString("u", CultureInfo.InvariantCulture)],
                ["duration", ProgressText.FormatDuration(summary.Duration)], ["config file", summary.ConfigPath ?? "-"],
                ["config hash", summary.ConfigHash], ["inputs", string.Join(", ", summary.Inputs)],
                ["outputs", string.Join(", ", summary.Outputs)], ["error", summary.Error ?? "-"],
            ]);
            SummaryTable.Write(console, "metrics", ["metric", "value"], summary.Metrics.Select(m => (IReadOnlyList<string>)[m.Key, m.Value.ToString("0.####", CultureInfo.InvariantCulture)]));
            SummaryTable.Write(console, "configuration", ["key", "value"], summary.Config.Select(c => (IReadOnlyList<string>)[c.Key, c.Value.ToString()]));
            return ExitCodes.Success;
        });
        return show;
    }
}
