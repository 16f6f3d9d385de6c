using System.Text;

namespace Understudy.ServiceSimulator.TicketTriage.Phrasebook;

/// <summary>
/// Finds cue phrases in ticket text: case-insensitive, whitespace-insensitive, straight or curly apostrophes,
/// and only at word boundaries (so the cue "locked" does not fire inside "blocked").
/// </summary>
public static class CueMatcher
{
    /// <summary>Lower-case, single-spaced text with straight apostrophes: the form cues are matched against.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        bool pendingSpace = false;
        foreach (char raw in text)
        {
            if (char.IsWhiteSpace(raw))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(raw is '\u2019' or '\u2018' ? '\'' : char.ToLowerInvariant(raw));
        }
        return builder.ToString();
    }

    /// <summary>Position of the first whole-word occurrence of <paramref name="cue"/> in normalised text, or -1.</summary>
    public static int IndexOf(string normalizedText, string cue)
    {
        string normalizedCue = Normalize(cue);
        int from = 0;
        while (from <= normalizedText.Length - normalizedCue.Length)
        {
            int index = normalizedText.IndexOf(normalizedCue, from, StringComparison.Ordinal);
            if (index < 0)
            {
                return -1;
            }
            if (IsBoundary(normalizedText, index - 1) && IsBoundary(normalizedText, index + normalizedCue.Length))
            {
                return index;
            }
            from = index + 1;
        }
        return -1;
    }

    /// <summary>Position of the earliest of <paramref name="cues"/> in normalised text, or -1 when none occurs.</summary>
    public static int FirstIndexOfAny(string normalizedText, IEnumerable<string> cues)
    {
        int first = -1;
        foreach (string cue in cues)
        {
            int index = IndexOf(normalizedText, cue);
            if (index >= 0 && (first < 0 || index < first))
            {
                first = index;
            }
        }
        return first;
    }

    private static bool IsBoundary(string text, int index) =>
        index < 0 || index >= text.Length || !char.IsLetterOrDigit(text[index]);
}
