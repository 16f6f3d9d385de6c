using System.Globalization;

namespace Understudy.Core.Configuration;

/// <summary>Parses durations written as <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c>, a bare number of seconds, or <c>hh:mm:ss</c>.</summary>
public static class DurationParser
{
    private static readonly (string Suffix, double Seconds)[] Units =
        [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)];

    /// <summary>Parses <paramref name="text"/>; returns false when it is not a duration.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(text);
        duration = default;
        var trimmed = text.Trim();
        if (trimmed.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
        }

        // Longest suffix first so "ms" is not read as "m".
        foreach (var (suffix, seconds) in Units.OrderByDescending(u => u.Suffix.Length))
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && TryNumber(trimmed[..^suffix.Length], out var amount))
            {
                duration = TimeSpan.FromSeconds(amount * seconds);
                return true;
            }
        }

        if (TryNumber(trimmed, out var bareSeconds))
        {
            duration = TimeSpan.FromSeconds(bareSeconds);
            return true;
        }

        return false;
    }

    /// <summary>Formats a duration the way it would be written in a config file (<c>90s</c>, <c>5m</c>, <c>250ms</c>).</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration.TotalMilliseconds % 1000 != 0)
        {
            return duration.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
        }

        var seconds = duration.TotalSeconds;
        return seconds switch
        {
            _ when seconds != 0 && seconds % 3600 == 0 => (seconds / 3600).ToString(CultureInfo.InvariantCulture) + "h",
            _ when seconds != 0 && seconds % 60 == 0 => (seconds / 60).ToString(CultureInfo.InvariantCulture) + "m",
            _ => seconds.ToString(CultureInfo.InvariantCulture) + "s",
        };
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value) && value >= 0;
}
