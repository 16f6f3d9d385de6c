using System.Text.RegularExpressions;
using Understudy.Pipelines.Reporting;

namespace Understudy.Pipelines.Tests.Reporting;

public sealed partial class HtmlReportWriterTests
{
    private static readonly string Report = HtmlReportWriter.Render(ReportSamples.Full());

    [Fact]
    public void Render_encodes_model_text_so_a_script_in_a_judge_reason_is_inert()
    {
        Assert.DoesNotContain("<script", Report, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", Report, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>bold?</b>", Report, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;", Report, StringComparison.Ordinal);
        Assert.Contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;img src=x onerror=alert(1)&gt;", Report, StringComparison.Ordinal);
        Assert.Contains("Reset &lt;password&gt;", Report, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_is_self_contained_with_no_script_and_no_external_resource()
    {
        Assert.DoesNotContain("<link", Report, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=\"", Report, StringComparison.OrdinalIgnoreCase);
        Assert.All(Url().Matches(Report), m => Assert.StartsWith("http://www.w3.org/", m.Value, StringComparison.Ordinal));
        Assert.Contains("<style>", Report, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_inlines_every_chart_as_svg_with_ids_unique_in_the_page()
    {
        Assert.Equal(ReportSamples.FullChartCount, Regex.Count(Report, "<svg"));
        List<string> ids = [.. IdAttribute().Matches(Report).Select(m => m.Groups[1].Value)];
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(UrlReference().Matches(Report), m => Assert.Contains(m.Groups[1].Value, ids));
    }

    [Fact]
    public void Render_shows_scores_datasets_curation_usage_cost_and_worst_answers()
    {
        foreach (string section in new[] { "id=\"scores\"", "id=\"training\"", "id=\"datasets\"", "id=\"usage\"", "id=\"cost\"", "id=\"worst\"", "id=\"steps\"", "id=\"config\"" })
        {
            Assert.Contains(section, Report, StringComparison.Ordinal);
        }
        Assert.Contains("<span class=\"pass\">pass</span>", Report, StringComparison.Ordinal);
        Assert.Contains("exact_duplicate", Report, StringComparison.Ordinal);
        Assert.Contains("$1.11", Report, StringComparison.Ordinal);
        Assert.Contains("passed at iteration 2", Report, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_of_a_run_with_nothing_measured_says_so_instead_of_failing()
    {
        string html = HtmlReportWriter.Render(new RunReportData { RunId = "empty" });

        Assert.Contains("No iteration was evaluated.", html, StringComparison.Ordinal);
        Assert.Contains("No model usage was recorded.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_creates_the_folder_and_the_file()
    {
        string folder = Path.Combine(Path.GetTempPath(), "understudy-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            string path = Path.Combine(folder, "nested", "report.html");

            HtmlReportWriter.Write(ReportSamples.Full(), path);

            Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [GeneratedRegex(@"https?://[^""'\s)]+")]
    private static partial Regex Url();

    [GeneratedRegex("\\sid=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"url\(#([^)]+)\)")]
    private static partial Regex UrlReference();
}
