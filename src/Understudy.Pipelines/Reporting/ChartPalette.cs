using ScottPlot;

namespace Understudy.Pipelines.Reporting;

/// <summary>The report's colours: one per role, the rest from a colour-blind-safe palette.</summary>
internal static class ChartPalette
{
    public static Color Student { get; } = Color.FromHex("#2563eb");
    public static Color Teacher { get; } = Color.FromHex("#d97706");
    public static Color Threshold { get; } = Color.FromHex("#dc2626");
    public static Color Local { get; } = Color.FromHex("#059669");

    private static readonly Color[] Series =
        [.. new[] { "#2563eb", "#d97706", "#059669", "#7c3aed", "#db2777", "#0891b2", "#65a30d", "#9ca3af", "#b45309" }.Select(Color.FromHex)];

    /// <summary>The i-th series colour (cycling).</summary>
    public static Color At(int index) => Series[index % Series.Length];
}
