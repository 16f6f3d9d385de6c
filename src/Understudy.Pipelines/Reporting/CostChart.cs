using ScottPlot;
using Understudy.Pipelines.Costs;

namespace Understudy.Pipelines.Reporting;

/// <summary>Cumulative cost of serving requests with the service vs the local model (one-off migration cost included).</summary>
internal static class CostChart
{
    public static string Render(CostComparison cost)
    {
        Plot plot = SvgChart.NewPlot("Cumulative cost: service vs local", "requests served", "US dollars");
        double end = Math.Max(cost.HorizonRequests, (cost.BreakEvenRequests ?? 0) * 1.5);
        end = Math.Max(end, 1);
        double[] xs = [.. Enumerable.Range(0, 51).Select(i => end * i / 50)];
        var service = plot.Add.Scatter(xs, [.. xs.Select(x => (double)cost.ServiceCostPerRequestUsd * x)]);
        (service.LegendText, service.Color, service.LineWidth, service.MarkerSize) = ("service", ChartPalette.Teacher, 2.5f, 0);
        var local = plot.Add.Scatter(xs, [.. xs.Select(x => (double)cost.OneOffCostUsd + (double)cost.LocalCostPerRequestUsd * x)]);
        (local.LegendText, local.Color, local.LineWidth, local.MarkerSize) = ("local (incl. migration)", ChartPalette.Local, 2.5f, 0);
        if (cost.BreakEvenRequests is { } breakEven)
        {
            var line = plot.Add.VerticalLine(breakEven);
            (line.Color, line.LinePattern, line.LegendText) = (ChartPalette.Threshold, LinePattern.Dotted, "break-even");
        }
        if (cost.HorizonRequests > 0 && cost.HorizonRequests < end)
        {
            var horizon = plot.Add.VerticalLine(cost.HorizonRequests);
            (horizon.Color, horizon.LinePattern, horizon.LegendText) = (Color.FromHex("#6b7280"), LinePattern.Dashed, "horizon");
        }
        plot.ShowLegend(Alignment.UpperLeft);
        return SvgChart.Figure(plot, "Cumulative cost by requests served; the local line starts at the one-off migration cost");
    }
}
