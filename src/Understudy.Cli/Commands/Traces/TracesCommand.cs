using System.CommandLine;
using Spectre.Console;
using Understudy.Cli.Display;
using Understudy.Cli.Hosting;
using Understudy.Core.Configuration;
using Understudy.Core.Observability.Traces;

namespace Understudy.Cli.Commands.Traces;

/// <summary>
/// <c>understudy traces [list|show ID|search ...]</c>: the spans every command recorded in the workspace's embedded
/// trace store (<c>&lt;workspace&gt;/traces.db</c>), listed per trace, shown as a tree, or searched by run, step,
/// model, latency and status.
/// </summary>
public static class TracesCommand
{
    /// <summary>Creates the command; bare <c>understudy traces</c> lists like <c>traces list</c>.</summary>
    public static Command Create()
    {
        var last = LastOption(20);
        var run = new Option<string?>("--run") { Description = "Only traces of this run id (as listed by 'understudy runs')", HelpName = "id" };
        var traces = new Command("traces", "List and search the spans of every command in <workspace>/traces.db") { last, run };
        traces.SetAction(parseResult => ListAsync(parseResult, parseResult.GetValue(last), parseResult.GetValue(run)));

        var listLast = LastOption(20);
        var listRun = new Option<string?>("--run") { Description = "Only traces of this run id", HelpName = "id" };
        var list = new Command("list", "List the most recent traces (one row per trace)") { listLast, listRun };
        list.SetAction(parseResult => ListAsync(parseResult, parseResult.GetValue(listLast), parseResult.GetValue(listRun)));
        traces.Subcommands.Add(list);
        traces.Subcommands.Add(TracesShowCommand.Create());
        traces.Subcommands.Add(TracesSearchCommand.Create());
        return traces;
    }

    internal static Option<int> LastOption(int defaultValue) =>
        new("--last") { Description = "How many rows to show", DefaultValueFactory = _ => defaultValue, HelpName = "n" };

    internal static SqliteTraceStore Store(ParseResult parseResult) =>
        SqliteTraceStore.ForWorkspace(GlobalOptions.ResolveWorkspace(parseResult));

    /// <summary>Runs <paramref name="action"/>, turning a missing store or a bad argument into a clear error and exit code.</summary>
    internal static async Task<int> GuardAsync(ParseResult parseResult, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is FileNotFoundException or ArgumentException or ConfigException)
        {
            await parseResult.InvocationConfiguration.Error.WriteLineAsync("error: " + e.Message);
            return e is FileNotFoundException ? ExitCodes.Failure : ExitCodes.UsageError;
        }
    }

    private static Task<int> ListAsync(ParseResult parseResult, int last, string? runId) => GuardAsync(parseResult, () =>
    {
        var store = Store(parseResult);
        var traces = store.ListTraces(Math.Max(1, last), runId);
        var console = CliConsole.Create(parseResult.InvocationConfiguration.Output);
        if (traces.Count == 0)
        {
            console.WriteLine($"No traces in {store.Path}{(runId is null ? "" : $" for run {runId}")}.");
            return ExitCodes.Success;
        }

        SummaryTable.Write(console, $"Traces in {store.Path}", ["trace", "root", "run", "started", "duration", "spans", "errors", "tokens in/out"],
            traces.Select(t => (IReadOnlyList<string>)
            [
                t.TraceId, t.RootName, t.RunId ?? "-", TraceText.Time(t.StartTime), TraceText.Duration(t.Duration),
                TraceText.Number(t.SpanCount), TraceText.Number(t.ErrorCount), $"{TraceText.Number(t.InputTokens)}/{TraceText.Number(t.OutputTokens)}",
            ]));
        return ExitCodes.Success;
    });
}
