using System.CommandLine;
using Spectre.Console;
using Understudy.Cli.Display;
using Understudy.Cli.Hosting;
using Understudy.Core.Lineage;

namespace Understudy.Cli.Commands.Runs;

/// <summary>
/// The run-store side of <c>understudy runs</c>: <c>runs list</c> (pipeline runs such as <c>duo</c>),
/// <c>runs show RUN</c> (steps, metrics, lineage tree) and <c>runs diff RUN_A RUN_B</c>.
/// </summary>
internal static class RunsLineageCommands
{
    public static Command CreateList()
    {
        var name = new Option<string?>("--name") { Description = "Only runs of this pipeline name (the name key of duo.yaml)", HelpName = "name" };
        var list = new Command("list", $"List the pipeline runs of the run store (<workspace>/{LineageStore.FileName}), newest first") { name };
        list.SetAction(parseResult =>
        {
            var console = CliConsole.Create(parseResult.InvocationConfiguration.Output);
            if (Open(parseResult) is not { } store)
            {
                console.WriteLine($"No pipeline runs in {Path.Combine(GlobalOptions.ResolveWorkspace(parseResult), LineageStore.FileName)}.");
                return ExitCodes.Success;
            }
            IReadOnlyList<RunRecord> runs = store.ListRuns(parseResult.GetValue(name));
            if (runs.Count == 0)
            {
                console.WriteLine($"No pipeline runs in {store.DatabasePath}.");
                return ExitCodes.Success;
            }
            LineageView.WriteRuns(console, store.DatabasePath, runs);
            return ExitCodes.Success;
        });
        return list;
    }

    public static Command CreateDiff()
    {
        var left = new Argument<string>("run-a") { Description = "The first run id (see 'understudy runs list')" };
        var right = new Argument<string>("run-b") { Description = "The second run id" };
        var diff = new Command("diff", "Compare two pipeline runs: config values, step statuses, metrics and artifact hashes") { left, right };
        diff.SetAction(async parseResult =>
        {
            LineageStore? store = Open(parseResult);
            string a = parseResult.GetValue(left)!, b = parseResult.GetValue(right)!;
            RunRecord? runA = store?.GetRun(a), runB = store?.GetRun(b);
            if (store is null || runA is null || runB is null)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync(
                    $"error: no pipeline run '{(runA is null ? a : b)}' in the run store (list them with 'understudy runs list')");
                return ExitCodes.UsageError;
            }
            var console = CliConsole.Create(parseResult.InvocationConfiguration.Output);
            LineageView.WriteDiff(console, runA, runB, RunDiff.Compare(runA, store.GetSteps(a), runB, store.GetSteps(b)));
            return ExitCodes.Success;
        });
        return diff;
    }

    /// <summary>Shows a pipeline run when <paramref name="runId"/> is one; false when the run store does not know it.</summary>
    public static bool TryShow(ParseResult parseResult, string runId)
    {
        if (Open(parseResult) is not { } store || store.GetRun(runId) is not { } run)
        {
            return false;
        }
        LineageView.WriteRun(CliConsole.Create(parseResult.InvocationConfiguration.Output), run, store.GetSteps(runId));
        return true;
    }

    /// <summary>The workspace's run store, or null when no pipeline has run there (nothing is created by looking).</summary>
    public static LineageStore? Open(ParseResult parseResult)
    {
        string path = Path.Combine(GlobalOptions.ResolveWorkspace(parseResult), LineageStore.FileName);
        return File.Exists(path) ? new LineageStore(path) : null;
    }
}
