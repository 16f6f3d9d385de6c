using ScottPlot;

namespace Understudy.Pipelines.Reporting;

/// <summary>Adds grouped bars to a plot: one group per category, one bar per series, a legend entry per series.</summary>
internal static class GroupedBars
{
    public sealed record Series(string Name, Color Color, IReadOnlyList<double?> Values);

    public static void Add(Plot plot, IReadOnlyList<string> categories, IReadOnlyList<Series> series)
    {
        double width = 0.8 / Math.Max(1, series.Count);
        var bars = new List<Bar>();
        for (int s = 0; s < series.Count; s++)
        {
            for (int c = 0; c < categories.Count; c++)
            {
                if (series[s].Values[c] is { } value)
                {
                    bars.Add(new Bar { Position = c - 0.4 + width * (s + 0.5), Value = value, FillColor = series[s].Color, Size = width * 0.95 });
                }
            }
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s].Name, FillColor = series[s].Color });
        }
        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, categories.Count).Select(i => (double)i)], [.. categories]);
        plot.ShowLegend(Alignment.UpperLeft);
        double max = bars.Count == 0 ? 1 : bars.Max(b => b.Value);
        plot.Axes.SetLimitsY(0, max * 1.25);
        plot.Axes.SetLimitsX(-0.6, categories.Count - 0.4);
    }
}
