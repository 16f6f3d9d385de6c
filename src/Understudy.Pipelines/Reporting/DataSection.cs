using System.Globalization;
using Understudy.Pipelines.Curation;

namespace Understudy.Pipelines.Reporting;

/// <summary>The training and data sections: loss curves, dataset sizes, curation and step times.</summary>
internal static class DataSection
{
    public static string Training(RunReportData data)
    {
        string? loss = RunCharts.Loss(data.Iterations);
        string body = loss is null ? Html.Missing("No loss was recorded.") : $"<div class=\"charts\">{loss}</div>";
        return $"<section id=\"training\"><h2>Fine-tuning</h2>{body}</section>";
    }

    public static string Datasets(RunReportData data)
    {
        if (data.Iterations.Count == 0)
        {
            return "";
        }
        string table = Html.Table(["iteration", "train", "test", "synth", "curated", "merged"],
            data.Iterations.Select(i => (IEnumerable<string>)[Index(i), Html.Count(i.Datasets.Train), Html.Count(i.Datasets.Test),
                Html.Count(i.Datasets.Synth), Html.Count(i.Datasets.Curated), Html.Count(i.Datasets.Merged)]), "numbers");
        string? removed = RunCharts.CurationRemoved(data.Iterations);
        string curation = string.Concat(data.Iterations.Where(i => i.Curation is not null).Select(i => Curation(i.Index, i.Curation!)));
        return $"<section id=\"datasets\"><h2>Datasets and curation</h2>{table}<div class=\"charts\">{RunCharts.DatasetSizes(data.Iterations)}{removed}</div>{curation}</section>";
    }

    public static string StepTimes(RunReportData data)
    {
        List<string> steps = [.. data.Iterations.SelectMany(i => i.StepTimes).Select(s => s.Step).Distinct()];
        if (steps.Count == 0)
        {
            return "";
        }
        string table = Html.Table(["iteration", .. steps.Select(Html.Text), "total"], data.Iterations.Select(i => (IEnumerable<string>)
            [Index(i), .. steps.Select(s => i.StepTimes.Any(t => t.Step == s) ? Html.Seconds(Sum(i, s)) : "–"), Html.Seconds(Sum(i, null))]), "numbers");
        return $"<section id=\"steps\"><h2>Step wall times</h2>{table}<div class=\"charts\">{RunCharts.StepTimes(data.Iterations)}</div></section>";
    }

    private static string Curation(int iteration, CurationReport report)
    {
        string rules = Html.Table(["rule", "removed", "what it removes"],
            report.Rules.Select(r => (IEnumerable<string>)[Html.Text(r.Rule), Html.Count((long)r.Removed), Html.Text(r.Description)]));
        string examples = Html.Table(["rule", "row", "removed row", "reason", "matched row"],
            report.Rules.SelectMany(r => r.Examples.Select(e => (IEnumerable<string>)[Html.Text(r.Rule), e.RowIndex.ToString(CultureInfo.InvariantCulture),
                $"<div class=\"text\">{Html.Text(e.Prompt)}</div>", Html.Text(e.Reason), $"<div class=\"text\">{Html.Text(e.MatchedPrompt ?? "")}</div>"])), "examples");
        return $"<details><summary>Iteration {iteration}: curation of {Html.Text(report.Input)} kept {Html.Count((long)report.Kept)} of {Html.Count((long)report.InputRows)} rows</summary>{rules}{examples}</details>";
    }

    private static TimeSpan Sum(IterationReport iteration, string? step) =>
        TimeSpan.FromTicks(iteration.StepTimes.Where(s => step is null || s.Step == step).Sum(s => s.WallTime.Ticks));

    private static string Index(IterationReport iteration) => iteration.Index.ToString(CultureInfo.InvariantCulture);
}
