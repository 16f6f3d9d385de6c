using System.Globalization;
using Understudy.Core.Runs;

namespace Understudy.Cli.Display;

/// <summary>Formats the parts of a progress line: counts, rate, ETA, tokens and cost.</summary>
public static class ProgressText
{
    /// <summary><c>120/500 rows (24.0%)</c>, or <c>120 rows</c> when the total is unknown; failures are appended.</summary>
    public static string Rows(StepProgress progress, string unit = "rows")
    {
        var text = progress.Total is > 0 and var total
            ? string.Create(CultureInfo.InvariantCulture, $"{progress.Completed:N0}/{total:N0} {unit} ({100.0 * progress.Completed / total:F1}%)")
            : string.Create(CultureInfo.InvariantCulture, $"{progress.Completed:N0} {unit}");
        return progress.Failed > 0 ? text + string.Create(CultureInfo.InvariantCulture, $", {progress.Failed:N0} failed") : text;
    }

    /// <summary>Rows per second over <paramref name="elapsed"/>, or null before any row is done.</summary>
    public static double? Rate(long completedThisRun, TimeSpan elapsed) =>
        completedThisRun > 0 && elapsed > TimeSpan.Zero ? completedThisRun / elapsed.TotalSeconds : null;

    /// <summary>Estimated time left at <paramref name="rate"/>, or null when unknown.</summary>
    public static TimeSpan? Eta(StepProgress progress, double? rate) =>
        progress.Total is { } total && rate is > 0 ? TimeSpan.FromSeconds(Math.Max(0, total - progress.Completed) / rate.Value) : null;

    /// <summary><c>3.2 rows/s</c>, <c>12 rows/min</c> for slow steps, or <c>-</c>.</summary>
    public static string FormatRate(double? rate, string unit = "rows") => rate switch
    {
        null => "-",
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{rate * 60:F1} {unit}/min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{rate:F1} {unit}/s"),
    };

    /// <summary><c>1h02m</c>, <c>4m05s</c>, <c>12s</c>, or <c>-</c>.</summary>
    public static string FormatDuration(TimeSpan? duration) => duration switch
    {
        null => "-",
        { TotalHours: >= 1 } d => string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalHours}h{d.Minutes:D2}m"),
        { TotalMinutes: >= 1 } d => string.Create(CultureInfo.InvariantCulture, $"{d.Minutes}m{d.Seconds:D2}s"),
        var d => Math.Ceiling(d.Value.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture) + "s",
    };

    /// <summary><c>12,345 tokens</c>.</summary>
    public static string Tokens(long tokens) => string.Create(CultureInfo.InvariantCulture, $"{tokens:N0} tokens");

    /// <summary><c>$0.1234</c> below a dollar, <c>$12.35</c> above.</summary>
    public static string Cost(decimal costUsd) =>
        "$" + costUsd.ToString(costUsd < 1 ? "F4" : "N2", CultureInfo.InvariantCulture);
}
