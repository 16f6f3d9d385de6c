namespace Understudy.Pipelines.Reporting;

/// <summary>The judge-score section: a table per iteration and model, the trend charts and the distributions.</summary>
internal static class ScoreSection
{
    public static string Render(RunReportData data)
    {
        if (data.Iterations.All(i => i.Student is null && i.Teacher is null))
        {
            return Section(Html.Missing("No iteration was evaluated."));
        }
        var rows = new List<IEnumerable<string>>();
        foreach (IterationReport iteration in data.Iterations)
        {
            foreach (var (role, scores) in new[] { ("student", iteration.Student), ("teacher", iteration.Teacher) })
            {
                if (scores is not null)
                {
                    rows.Add(Row(iteration.Index, role, scores));
                }
            }
        }
        string table = Html.Table(["iteration", "role", "model", "answers", "similarity mean", "precision mean",
            "coverage@50", "coverage@70", "verdict"], rows, "numbers");
        string thresholds = data.Thresholds.Similarity > 0 || data.Thresholds.Precision > 0
            ? $"<p>Pass thresholds: mean similarity ≥ {Html.Number(data.Thresholds.Similarity)}, mean precision ≥ {Html.Number(data.Thresholds.Precision)}. Coverage is the share of similarity scores ≥ 50 / ≥ 70.</p>"
            : "";
        string trends = $"<div class=\"charts\">{ScoreCharts.Means(data.Iterations, data.Thresholds)}{ScoreCharts.Coverage(data.Iterations)}</div>";
        string distributions = string.Concat(data.Iterations.Where(i => i.Student is not null || i.Teacher is not null).Select(i =>
            $"<div class=\"charts\">{ScoreCharts.Distribution(i, "similarity", s => s.Similarity)}{ScoreCharts.Distribution(i, "precision", s => s.Precision)}</div>"));
        return Section(thresholds + table + trends + "<h3>Score distributions</h3>" + distributions);
    }

    private static string Section(string body) => $"<section id=\"scores\"><h2>Judge scores</h2>{body}</section>";

    private static IEnumerable<string> Row(int iteration, string role, ScoreReport scores)
    {
        var similarity = scores.SimilarityStatistics;
        var precision = scores.PrecisionStatistics;
        string verdict = scores.Passed switch
        {
            true => "<span class=\"pass\">pass</span>",
            false => "<span class=\"fail\">fail</span>",
            null => "–",
        };
        return [iteration.ToString(System.Globalization.CultureInfo.InvariantCulture), Html.Text(role), Html.Text(scores.Model),
            Html.Count((long)similarity.Count), Html.Number(similarity.Mean), Html.Number(precision.Mean),
            Html.Percent(similarity.CoverageAt50), Html.Percent(similarity.CoverageAt70), verdict];
    }
}
