using System.Globalization;
using System.Net;

namespace Understudy.Pipelines.Reporting;

/// <summary>HTML text helpers: everything that comes from models, datasets or configs goes through <see cref="Text"/>.</summary>
internal static class Html
{
    /// <summary>The text with <c>&lt; &gt; &amp; " '</c> encoded, so it can never become markup.</summary>
    public static string Text(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A number with the given format, or "n/a" for NaN.</summary>
    public static string Number(double value, string format = "0.0") =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A share (0–1) as a whole percentage, or "n/a".</summary>
    public static string Percent(double share) =>
        double.IsNaN(share) ? "n/a" : (share * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Count(int? value) => value is { } v ? Count((long)v) : "–";

    public static string Usd(decimal value) =>
        "$" + value.ToString(value != 0 && Math.Abs(value) < 0.01m ? "0.######" : "#,0.00", CultureInfo.InvariantCulture);

    public static string Seconds(TimeSpan value) => value.TotalSeconds < 120
        ? value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
        : value.TotalMinutes.ToString("0.0", CultureInfo.InvariantCulture) + " min";

    /// <summary>A table with a header row; cells are already HTML (callers encode text with <see cref="Text"/>).</summary>
    public static string Table(IEnumerable<string> headers, IEnumerable<IEnumerable<string>> rows, string cssClass = "") =>
        $"<table class=\"{cssClass}\"><thead><tr>{string.Concat(headers.Select(h => $"<th>{h}</th>"))}</tr></thead><tbody>" +
        string.Concat(rows.Select(r => $"<tr>{string.Concat(r.Select(c => $"<td>{c}</td>"))}</tr>")) + "</tbody></table>";

    /// <summary>A short note shown where a section has nothing to show.</summary>
    public static string Missing(string what) => $"<p class=\"missing\">{Text(what)}</p>";
}
