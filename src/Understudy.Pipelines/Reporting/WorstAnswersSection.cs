using System.Globalization;

namespace Understudy.Pipelines.Reporting;

/// <summary>The table of the lowest-scored student answers with the judge's reasons, latest iteration first.</summary>
internal static class WorstAnswersSection
{
    public static string Render(RunReportData data)
    {
        List<IterationReport> withAnswers = [.. data.Iterations.Where(i => i.WorstAnswers.Count > 0).OrderByDescending(i => i.Index)];
        if (withAnswers.Count == 0)
        {
            return "";
        }
        string tables = string.Concat(withAnswers.Select((iteration, n) =>
        {
            string table = Html.Table(["prompt", "reference", "student answer", "sim.", "prec.", "judge's reason"],
                iteration.WorstAnswers.Select(a => (IEnumerable<string>)[Cell(a.Prompt), Cell(a.Reference), Cell(a.Candidate),
                    Html.Number(a.Similarity, "0"), Html.Number(a.Precision, "0"), Cell(a.JudgeReason)]), "answers");
            string open = n == 0 ? " open" : "";
            return $"<details{open}><summary>Iteration {iteration.Index.ToString(CultureInfo.InvariantCulture)}: {iteration.WorstAnswers.Count} lowest-scored answers</summary>{table}</details>";
        }));
        return $"<section id=\"worst\"><h2>Worst answers</h2>{tables}</section>";
    }

    private static string Cell(string text) => $"<div class=\"text\">{Html.Text(text)}</div>";
}
