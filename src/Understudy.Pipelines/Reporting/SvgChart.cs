using System.Text.RegularExpressions;
using ScottPlot;

namespace Understudy.Pipelines.Reporting;

/// <summary>
/// Renders a ScottPlot plot as inline SVG for the report: the XML prologue dropped, a title and description for
/// screen readers, and every element id prefixed so that several charts in one page never share a clip path id.
/// </summary>
internal static partial class SvgChart
{
    public const int Width = 640;
    public const int Height = 320;

    private static int _counter;

    /// <summary>The chart's <c>&lt;svg&gt;</c> element, wrapped in a <c>&lt;figure&gt;</c> with its caption.</summary>
    public static string Figure(Plot plot, string caption, int width = Width, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        string svg = plot.GetSvgXml(width, height);
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException("ScottPlot returned no <svg> element");
        }
        string prefix = $"c{Interlocked.Increment(ref _counter)}_";
        svg = IdAttribute().Replace(svg[start..], m => $"id=\"{prefix}{m.Groups[1].Value}\"");
        svg = UrlReference().Replace(svg, m => $"url(#{prefix}{m.Groups[1].Value})");
        svg = HrefReference().Replace(svg, m => $"{m.Groups[1].Value}=\"#{prefix}{m.Groups[2].Value}\"");
        svg = svg.Insert(svg.IndexOf('>', StringComparison.Ordinal) + 1, $"<title>{Html.Text(caption)}</title>");
        // A viewBox lets the page scale the chart to its column instead of clipping it.
        string viewBox = svg[..svg.IndexOf('>', StringComparison.Ordinal)].Contains("viewBox", StringComparison.Ordinal) ? "" : $" viewBox=\"0 0 {width} {height}\"";
        svg = svg.Insert(4, $" role=\"img\" class=\"chart\"{viewBox}");
        return $"<figure>{svg}<figcaption>{Html.Text(caption)}</figcaption></figure>";
    }

    /// <summary>A new plot with the report's look: white background, light grid.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, 15);
        plot.XLabel(xLabel, 13);
        plot.YLabel(yLabel, 13);
        plot.FigureBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = Color.FromHex("#e5e7eb");
        return plot;
    }

    [GeneratedRegex("id=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"url\(#([^)]+)\)")]
    private static partial Regex UrlReference();

    [GeneratedRegex("(href|xlink:href)=\"#([^\"]+)\"")]
    private static partial Regex HrefReference();
}
