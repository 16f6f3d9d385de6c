using System.Globalization;
using Spectre.Console;
using Understudy.Core.Configuration;
using Understudy.Core.Runs;

namespace Understudy.Cli.Display;

/// <summary>Tables printed at the end of a command: metrics and verdict, or the effective configuration.</summary>
public static class SummaryTable
{
    /// <summary>Writes a two-or-more column table with a title.</summary>
    public static void Write(IAnsiConsole console, string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var table = new Table { Title = new TableTitle(title), Border = TableBorder.Rounded };
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)));
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(cell)).ToArray());
        }

        console.Write(table);
    }

    /// <summary>The run's verdict, status, duration and metrics; nothing when the run recorded no metric and no verdict.</summary>
    public static void WriteRunSummary(IAnsiConsole console, RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Metrics.Count == 0 && summary.Verdict is null)
        {
            return;
        }

        var rows = new List<IReadOnlyList<string>>();
        if (summary.Verdict is not null)
        {
            rows.Add(["verdict", summary.Verdict]);
        }

        rows.Add(["status", summary.Status.ToString().ToLowerInvariant()]);
        rows.Add(["duration", ProgressText.FormatDuration(summary.Duration)]);
        rows.AddRange(summary.Metrics.Select(m => (IReadOnlyList<string>)[m.Key, FormatMetric(m.Value)]));
        Write(console, $"{summary.Command} summary", ["", "value"], rows);
    }

    /// <summary>Every config key with its value and where it came from (secrets redacted).</summary>
    public static void WriteEffectiveConfig(IAnsiConsole console, string command, EffectiveConfig effective)
    {
        ArgumentNullException.ThrowIfNull(effective);
        var rows = effective.Entries.Select(e =>
            (IReadOnlyList<string>)[e.Key, e.DisplayValue, e.Location ?? e.Source.ToString().ToLowerInvariant()]);
        Write(console, $"{command} configuration (hash {effective.Hash})", ["key", "value", "source"], rows);
    }

    private static string FormatMetric(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? value.ToString("N0", CultureInfo.InvariantCulture)
            : value.ToString("0.####", CultureInfo.InvariantCulture);
}
