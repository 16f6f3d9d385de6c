namespace Understudy.ServiceSimulator.Requests;

/// <summary>Small text helpers for cutting rendered prompts into their sections.</summary>
internal static class PromptSections
{
    /// <summary>Index of <paramref name="marker"/> at or after <paramref name="from"/>, ignoring case; -1 when absent.</summary>
    public static int Find(string text, string marker, int from = 0) =>
        from < 0 || from > text.Length ? -1 : text.IndexOf(marker, from, StringComparison.OrdinalIgnoreCase);

    /// <summary>The earliest of several markers at or after <paramref name="from"/>, with its length.</summary>
    public static (int Index, int Length) FindAny(string text, IEnumerable<string> markers, int from = 0)
    {
        (int Index, int Length) best = (-1, 0);
        foreach (string marker in markers)
        {
            int index = Find(text, marker, from);
            if (index >= 0 && (best.Index < 0 || index < best.Index))
            {
                best = (index, marker.Length);
            }
        }
        return best;
    }

    /// <summary>Trims, then removes a Markdown fence line at the start and a closing fence at the end.</summary>
    public static string Unfence(string section)
    {
        string text = section.Trim();
        if (text.StartsWith("```", StringComparison.Ordinal))
        {
            int newline = text.IndexOf('\n');
            text = newline < 0 ? "" : text[(newline + 1)..];
        }
        if (text.EndsWith("```", StringComparison.Ordinal))
        {
            text = text[..^3];
        }
        return text.Trim();
    }

    /// <summary>Removes only the opening fence line (the closing fence was already cut off by the caller).</summary>
    public static string DropOpeningFence(string section)
    {
        string text = section.Trim();
        if (!text.StartsWith("```", StringComparison.Ordinal))
        {
            return text;
        }
        int newline = text.IndexOf('\n');
        return newline < 0 ? "" : text[(newline + 1)..].Trim();
    }
}
