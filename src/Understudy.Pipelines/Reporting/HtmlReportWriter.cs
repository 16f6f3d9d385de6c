using System.Globalization;
using System.Text;

namespace Understudy.Pipelines.Reporting;

/// <summary>
/// Writes a <see cref="RunReportData"/> as one self-contained HTML file: inline CSS, charts rendered by ScottPlot to
/// SVG and inlined, no script and no external URL, so it opens offline and can be mailed or archived as it is.
/// Every text that comes from models, datasets or configs is HTML-encoded: a judge reason holding
/// <c>&lt;script&gt;</c> shows as text.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>Renders the report and writes it to <paramref name="path"/> (UTF-8, folder created, replaced atomically).</summary>
    public static void Write(RunReportData data, string path)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".tmp";
        File.WriteAllText(temp, Render(data), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>The report's HTML.</summary>
    public static string Render(RunReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append($"<title>Understudy run {Html.Text(data.RunId)}</title><style>{ReportStyle.Css}</style></head><body>")
            .Append(Header(data))
            .Append("<nav><a href=\"#scores\">Scores</a><a href=\"#training\">Fine-tuning</a><a href=\"#datasets\">Datasets</a>")
            .Append("<a href=\"#usage\">Usage</a><a href=\"#cost\">Cost</a><a href=\"#worst\">Worst answers</a><a href=\"#steps\">Steps</a><a href=\"#config\">Config</a></nav><main>")
            .Append(Cards(data))
            .Append(ScoreSection.Render(data))
            .Append(DataSection.Training(data))
            .Append(DataSection.Datasets(data))
            .Append(CostSection.Usage(data.Usage))
            .Append(CostSection.Comparison(data.Cost))
            .Append(WorstAnswersSection.Render(data))
            .Append(DataSection.StepTimes(data))
            .Append(Config(data))
            .Append("</main><footer>Made by Understudy · self-contained: no scripts, no external resources</footer></body></html>");
        return html.ToString();
    }

    private static string Header(RunReportData data)
    {
        string when = data.StartedAt is { } start
            ? start.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) +
              (data.EndedAt is { } end ? $" · {Html.Seconds(end - start)}" : " · still running")
            : "";
        return $"<header><h1>Understudy run {Html.Text(data.RunId)}</h1>" +
               (data.Title.Length > 0 ? $"<p>{Html.Text(data.Title)}</p>" : "") +
               (when.Length > 0 ? $"<p>{when}</p>" : "") +
               (data.Outcome.Length > 0 ? $"<p><strong>{Html.Text(data.Outcome)}</strong></p>" : "") + "</header>";
    }

    private static string Cards(RunReportData data)
    {
        IterationReport? last = data.Iterations.LastOrDefault(i => i.Student is not null);
        var cards = new List<(string Label, string Value)> { ("iterations", data.Iterations.Count.ToString(CultureInfo.InvariantCulture)) };
        if (last?.Student is { } student)
        {
            cards.Add(($"student similarity (iteration {last.Index})", Html.Number(student.SimilarityStatistics.Mean)));
            cards.Add(("student coverage@70", Html.Percent(student.SimilarityStatistics.CoverageAt70)));
        }
        if (last?.Teacher is { } teacher)
        {
            cards.Add(("teacher similarity", Html.Number(teacher.SimilarityStatistics.Mean)));
        }
        if (data.Usage.Count > 0)
        {
            cards.Add(("service cost", Html.Usd(data.Usage.Sum(u => u.CostUsd))));
        }
        if (data.Cost?.BreakEvenRequests is { } breakEven)
        {
            cards.Add(("break-even", Html.Count((long)Math.Ceiling(breakEven)) + " requests"));
        }
        return "<div class=\"cards\">" + string.Concat(cards.Select(c =>
            $"<div class=\"card\"><div class=\"label\">{Html.Text(c.Label)}</div><div class=\"value\">{c.Value}</div></div>")) + "</div>";
    }

    private static string Config(RunReportData data) => data.ConfigSummary.Count == 0 ? "" :
        "<section id=\"config\"><h2>Configuration</h2>" +
        Html.Table(["key", "value"], data.ConfigSummary.Select(e => (IEnumerable<string>)[$"<code>{Html.Text(e.Key)}</code>", Html.Text(e.Value)])) +
        "</section>";
}
