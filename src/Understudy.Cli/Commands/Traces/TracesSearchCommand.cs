using System.CommandLine;
using Spectre.Console;
using Understudy.Cli.Display;
using Understudy.Core.Observability.Traces;

namespace Understudy.Cli.Commands.Traces;

/// <summary><c>understudy traces search</c>: spans by run, step, model, minimum latency, status and name, most recent first.</summary>
public static class TracesSearchCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var run = new Option<string?>("--run") { Description = "Spans of this run id", HelpName = "id" };
        var step = new Option<string?>("--step") { Description = "Spans of this step (evaluate, batch-infer, synth, merge...)", HelpName = "name" };
        var model = new Option<string?>("--model") { Description = "Spans whose model contains this text", HelpName = "text" };
        var minLatency = new Option<string?>("--min-latency") { Description = "Spans at least this long (500ms, 2s, 1m)", HelpName = "duration" };
        var status = new Option<string?>("--status") { Description = "unset, ok or error", HelpName = "status" };
        status.AcceptOnlyFromAmong(TraceStatuses.Unset, TraceStatuses.Ok, TraceStatuses.Error);
        var name = new Option<string?>("--name") { Description = "Spans whose name contains this text (e.g. chat)", HelpName = "text" };
        var last = TracesCommand.LastOption(50);
        var search = new Command("search", "Find spans by run, step, model, latency and status") { run, step, model, minLatency, status, name, last };
        search.SetAction(parseResult => TracesCommand.GuardAsync(parseResult, () =>
        {
            var query = new TraceQuery
            {
                RunId = parseResult.GetValue(run),
                Step = parseResult.GetValue(step),
                Model = parseResult.GetValue(model),
                MinDuration = TraceText.Latency(parseResult.GetValue(minLatency)),
                Status = parseResult.GetValue(status),
                Name = parseResult.GetValue(name),
                Limit = Math.Max(1, parseResult.GetValue(last)),
            };
            var spans = TracesCommand.Store(parseResult).Search(query);
            var console = CliConsole.Create(parseResult.InvocationConfiguration.Output);
            if (spans.Count == 0)
            {
                console.WriteLine("No spans match.");
                return 0;
            }

            SummaryTable.Write(console, $"{spans.Count} span(s), most recent first", ["trace", "span", "run", "step", "model", "started", "duration", "status", "tokens in/out"],
                spans.Select(s => (IReadOnlyList<string>)
                [
                    s.TraceId[..Math.Min(12, s.TraceId.Length)], s.Name, s.RunId ?? "-", s.Step ?? "-", s.Model ?? "-",
                    TraceText.Time(s.StartTime), TraceText.Duration(s.Duration), s.Status, TraceText.Tokens(s.InputTokens, s.OutputTokens),
                ]));
            return 0;
        }));
        return search;
    }
}
