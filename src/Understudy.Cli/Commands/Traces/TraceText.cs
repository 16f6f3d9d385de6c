using System.Globalization;
using Understudy.Core.Configuration;

namespace Understudy.Cli.Commands.Traces;

/// <summary>How trace tables format times, durations and numbers.</summary>
internal static class TraceText
{
    public static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan duration) => duration.TotalSeconds >= 1
        ? duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s"
        : duration.TotalMilliseconds.ToString("0.#", CultureInfo.InvariantCulture) + " ms";

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Tokens(long? input, long? output) =>
        input is null && output is null ? "-" : $"{input?.ToString(CultureInfo.InvariantCulture) ?? "-"}/{output?.ToString(CultureInfo.InvariantCulture) ?? "-"}";

    /// <summary>Parses <c>--min-latency</c> (<c>500ms</c>, <c>2s</c>, <c>1m</c>).</summary>
    public static TimeSpan? Latency(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DurationParser.TryParse(text, out var duration)
            ? duration
            : throw new ArgumentException($"--min-latency '{text}' is not a duration; use e.g. 500ms, 2s or 1m.");
    }
}
