using ScottPlot;

namespace Understudy.Pipelines.Reporting;

/// <summary>Charts of judge scores: the distribution per iteration, and mean and coverage across iterations.</summary>
internal static class ScoreCharts
{
    private const int Bins = 10;

    /// <summary>Histogram (10-point bins) of one score kind, student next to teacher.</summary>
    public static string Distribution(IterationReport iteration, string kind, Func<ScoreReport, IReadOnlyList<double>> scores)
    {
        Plot plot = SvgChart.NewPlot($"Iteration {iteration.Index}: {kind} scores", $"{kind} score", "share of answers (%)");
        string[] labels = [.. Enumerable.Range(0, Bins).Select(b => $"{b * 10}–{b * 10 + 9}")];
        labels[^1] = "90–100";
        var series = new List<GroupedBars.Series>();
        if (iteration.Student is { } student)
        {
            series.Add(new($"student ({student.Model})", ChartPalette.Student, Histogram(scores(student))));
        }
        if (iteration.Teacher is { } teacher)
        {
            series.Add(new($"teacher ({teacher.Model})", ChartPalette.Teacher, Histogram(scores(teacher))));
        }
        GroupedBars.Add(plot, labels, series);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 10;
        return SvgChart.Figure(plot, $"Distribution of {kind} scores in iteration {iteration.Index}");
    }

    /// <summary>Mean similarity and precision per iteration for student and teacher, with the pass thresholds.</summary>
    public static string Means(IReadOnlyList<IterationReport> iterations, ReportThresholds thresholds)
    {
        Plot plot = SvgChart.NewPlot("Mean judge score per iteration", "iteration", "mean score (0–100)");
        AddLine(plot, iterations, i => i.Student?.SimilarityStatistics.Mean, "student similarity", ChartPalette.Student, LinePattern.Solid);
        AddLine(plot, iterations, i => i.Student?.PrecisionStatistics.Mean, "student precision", ChartPalette.Student, LinePattern.Dashed);
        AddLine(plot, iterations, i => i.Teacher?.SimilarityStatistics.Mean, "teacher similarity", ChartPalette.Teacher, LinePattern.Solid);
        AddLine(plot, iterations, i => i.Teacher?.PrecisionStatistics.Mean, "teacher precision", ChartPalette.Teacher, LinePattern.Dashed);
        foreach (var (value, name) in new[] { (thresholds.Similarity, "similarity threshold"), (thresholds.Precision, "precision threshold") }.Where(t => t.Item1 > 0))
        {
            var line = plot.Add.HorizontalLine(value);
            (line.Color, line.LinePattern, line.LineWidth, line.LegendText) = (ChartPalette.Threshold, LinePattern.Dotted, 1.5f, name);
        }
        Finish(plot, iterations, 100);
        return SvgChart.Figure(plot, "Mean similarity and precision per iteration (dashed: precision; dotted: pass thresholds)");
    }

    /// <summary>coverage@50 and coverage@70 of the similarity scores per iteration.</summary>
    public static string Coverage(IReadOnlyList<IterationReport> iterations)
    {
        Plot plot = SvgChart.NewPlot("Coverage per iteration (similarity)", "iteration", "answers scoring at least 50 / 70 (%)");
        AddLine(plot, iterations, i => i.Student?.SimilarityStatistics.CoverageAt50 * 100, "student coverage@50", ChartPalette.Student, LinePattern.Solid);
        AddLine(plot, iterations, i => i.Student?.SimilarityStatistics.CoverageAt70 * 100, "student coverage@70", ChartPalette.Student, LinePattern.Dashed);
        AddLine(plot, iterations, i => i.Teacher?.SimilarityStatistics.CoverageAt50 * 100, "teacher coverage@50", ChartPalette.Teacher, LinePattern.Solid);
        AddLine(plot, iterations, i => i.Teacher?.SimilarityStatistics.CoverageAt70 * 100, "teacher coverage@70", ChartPalette.Teacher, LinePattern.Dashed);
        Finish(plot, iterations, 100);
        return SvgChart.Figure(plot, "Share of answers with a similarity score of at least 50 and 70, per iteration");
    }

    private static double?[] Histogram(IReadOnlyList<double> scores)
    {
        var counts = new double?[Bins];
        for (int b = 0; b < Bins; b++)
        {
            counts[b] = 0;
        }
        foreach (double score in scores.Where(s => !double.IsNaN(s)))
        {
            int bin = Math.Clamp((int)(score / 10), 0, Bins - 1);
            counts[bin] += 100.0 / scores.Count;
        }
        return counts;
    }

    private static void AddLine(Plot plot, IReadOnlyList<IterationReport> iterations, Func<IterationReport, double?> value,
        string name, Color color, LinePattern pattern)
    {
        var points = iterations.Select(i => (X: (double)i.Index, Y: value(i))).Where(p => p.Y is { } y && !double.IsNaN(y)).ToList();
        if (points.Count == 0)
        {
            return;
        }
        var scatter = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y!.Value).ToArray());
        (scatter.LegendText, scatter.Color, scatter.LinePattern, scatter.LineWidth, scatter.MarkerSize) = (name, color, pattern, 2, 7);
    }

    private static void Finish(Plot plot, IReadOnlyList<IterationReport> iterations, double top)
    {
        double[] ticks = [.. iterations.Select(i => (double)i.Index)];
        plot.Axes.Bottom.SetTicks(ticks, [.. ticks.Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        plot.Axes.SetLimitsY(0, top * 1.05);
        plot.Axes.SetLimitsX(ticks.DefaultIfEmpty(1).Min() - 0.3, ticks.DefaultIfEmpty(1).Max() + 0.3);
        plot.ShowLegend(Edge.Right);   // outside the data area: the student line can end anywhere
    }
}
