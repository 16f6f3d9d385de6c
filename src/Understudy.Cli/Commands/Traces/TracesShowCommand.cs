using System.CommandLine;
using Understudy.Cli.Display;
using Understudy.Core.Observability.Traces;

namespace Understudy.Cli.Commands.Traces;

/// <summary><c>understudy traces show ID</c>: one trace as an indented span tree with its GenAI columns and events.</summary>
public static class TracesShowCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The trace id, or a unique prefix of it, as listed by 'understudy traces'" };
        var show = new Command("show", "Show one trace as a span tree (durations, models, tokens, status, events)") { id };
        show.SetAction(parseResult => TracesCommand.GuardAsync(parseResult, () =>
        {
            var traceId = parseResult.GetValue(id)!;
            var spans = TracesCommand.Store(parseResult).GetTrace(traceId);
            if (spans.Count == 0)
            {
                throw new ArgumentException($"No trace '{traceId}' in the store (list them with 'understudy traces').");
            }

            var console = CliConsole.Create(parseResult.InvocationConfiguration.Output);
            SummaryTable.Write(console, $"Trace {spans[0].TraceId}", ["span", "duration", "status", "model", "tokens in/out", "details"],
                InTreeOrder(spans).Select(s => (IReadOnlyList<string>)
                [
                    new string(' ', 2 * s.Depth) + s.Span.Name, TraceText.Duration(s.Span.Duration),
                    s.Span.Status + (s.Span.StatusDescription is { } d ? $": {d}" : ""), s.Span.Model ?? "-",
                    TraceText.Tokens(s.Span.InputTokens, s.Span.OutputTokens), Details(s.Span),
                ]));
            return 0;
        }));
        return show;
    }

    private static IEnumerable<(TraceSpanRecord Span, int Depth)> InTreeOrder(IReadOnlyList<TraceSpanRecord> spans)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var children = spans.ToLookup(s => s.ParentSpanId is { } p && ids.Contains(p) ? p : "", StringComparer.Ordinal);
        var stack = new Stack<(TraceSpanRecord, int)>(children[""].Reverse().Select(s => (s, 0)));
        while (stack.Count > 0)
        {
            var (span, depth) = stack.Pop();
            yield return (span, depth);
            foreach (var child in children[span.SpanId].Reverse())
            {
                stack.Push((child, depth + 1));
            }
        }
    }

    // The attributes worth a glance in a table: scores, cost, latency, route; events by name.
    private static string Details(TraceSpanRecord span)
    {
        string[] shown = ["understudy.judge.similarity", "understudy.judge.precision", "understudy.verdict", "understudy.cost_usd",
            "gen_ai.response.time_to_first_chunk", "understudy.tpot_s", "understudy.route", "understudy.rows"];
        var attributes = shown.Where(span.Attributes.ContainsKey).Select(k => $"{k.Split('.')[^1]}={span.Attributes[k]}");
        var events = span.Events.GroupBy(e => e.Name).Select(g => g.Count() == 1 ? g.Key : $"{g.Key}×{g.Count()}");
        return string.Join(" ", attributes.Concat(events));
    }
}
