using ScottPlot;

namespace Understudy.Pipelines.Reporting;

/// <summary>Charts of the run's training and data: loss curves, dataset sizes, curation removals, step times.</summary>
internal static class RunCharts
{
    /// <summary>Training (solid) and evaluation (dashed, markers) loss by step, one colour per iteration.</summary>
    public static string? Loss(IReadOnlyList<IterationReport> iterations)
    {
        if (iterations.All(i => i.TrainingLoss.Count == 0 && i.EvalLoss.Count == 0))
        {
            return null;
        }
        Plot plot = SvgChart.NewPlot("Fine-tuning loss", "optimiser step", "loss");
        for (int n = 0; n < iterations.Count; n++)
        {
            IterationReport iteration = iterations[n];
            foreach (var (points, kind, pattern) in new[] { (iteration.TrainingLoss, "train", LinePattern.Solid), (iteration.EvalLoss, "eval", LinePattern.Dashed) })
            {
                if (points.Count == 0)
                {
                    continue;
                }
                var line = plot.Add.Scatter(points.Select(p => (double)p.Step).ToArray(), points.Select(p => p.Loss).ToArray());
                (line.LegendText, line.Color, line.LinePattern, line.LineWidth) = ($"iteration {iteration.Index} {kind}", ChartPalette.At(n), pattern, 2);
                line.MarkerSize = kind == "eval" ? 6 : 0;
            }
        }
        plot.ShowLegend(Alignment.UpperRight);
        return SvgChart.Figure(plot, "Training loss (solid) and evaluation loss (dashed) by optimiser step, per iteration");
    }

    /// <summary>Rows per dataset per iteration.</summary>
    public static string DatasetSizes(IReadOnlyList<IterationReport> iterations)
    {
        Plot plot = SvgChart.NewPlot("Dataset sizes", "iteration", "rows");
        string[] labels = [.. iterations.Select(i => $"iteration {i.Index}")];
        Func<DatasetSizes, int?>[] columns = [d => d.Train, d => d.Test, d => d.Synth, d => d.Curated, d => d.Merged];
        string[] names = ["train", "test", "synth", "curated", "merged"];
        List<GroupedBars.Series> series = [.. names.Select((name, c) => new GroupedBars.Series(name, ChartPalette.At(c),
                [.. iterations.Select(i => (double?)columns[c](i.Datasets))]))
            .Where(s => s.Values.Any(v => v is not null))];
        GroupedBars.Add(plot, labels, series);
        return SvgChart.Figure(plot, "Rows in each dataset per iteration");
    }

    /// <summary>Rows removed by each curation rule per iteration; null when curation never ran.</summary>
    public static string? CurationRemoved(IReadOnlyList<IterationReport> iterations)
    {
        List<IterationReport> curated = [.. iterations.Where(i => i.Curation is not null)];
        if (curated.Count == 0)
        {
            return null;
        }
        Plot plot = SvgChart.NewPlot("Rows removed by curation", "iteration", "rows removed");
        List<string> rules = [.. curated.SelectMany(i => i.Curation!.Rules).Where(r => r.Removed > 0).Select(r => r.Rule).Distinct()];
        GroupedBars.Add(plot, [.. curated.Select(i => $"iteration {i.Index}")],
            [.. rules.Select((rule, n) => new GroupedBars.Series(rule, ChartPalette.At(n), [.. curated.Select(i => (double?)i.Curation!.RemovedBy(rule))]))]);
        return SvgChart.Figure(plot, "Rows each curation rule removed, per iteration");
    }

    /// <summary>Wall time per step, stacked per iteration.</summary>
    public static string? StepTimes(IReadOnlyList<IterationReport> iterations)
    {
        List<string> steps = [.. iterations.SelectMany(i => i.StepTimes).Select(s => s.Step).Distinct()];
        if (steps.Count == 0)
        {
            return null;
        }
        Plot plot = SvgChart.NewPlot("Wall time per step", "iteration", "minutes");
        var bars = new List<Bar>();
        for (int n = 0; n < iterations.Count; n++)
        {
            double bottom = 0;
            foreach (string step in steps)
            {
                double minutes = iterations[n].StepTimes.Where(s => s.Step == step).Sum(s => s.WallTime.TotalMinutes);
                bars.Add(new Bar { Position = n, ValueBase = bottom, Value = bottom + minutes, FillColor = ChartPalette.At(steps.IndexOf(step)), Size = 0.6 });
                bottom += minutes;
            }
        }
        plot.Add.Bars(bars);
        foreach (string step in steps)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = step, FillColor = ChartPalette.At(steps.IndexOf(step)) });
        }
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, iterations.Count).Select(i => (double)i)], [.. iterations.Select(i => $"iteration {i.Index}")]);
        plot.Axes.SetLimitsY(0, Math.Max(bars.Max(b => b.Value), 0.01) * 1.3);
        plot.ShowLegend(Alignment.UpperLeft);
        return SvgChart.Figure(plot, "Wall time of each step, stacked per iteration");
    }
}
