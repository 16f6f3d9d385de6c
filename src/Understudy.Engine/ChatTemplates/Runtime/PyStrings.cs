using System.Text;

namespace Understudy.Engine.ChatTemplates.Runtime;

/// <summary>Python string behaviour over code points: length, indexing, slicing, whitespace, strip and split.</summary>
internal static class PyStrings
{
    public static bool IsSpace(int c) => c is >= 0x1C and <= 0x1F || (c <= 0xFFFF ? char.IsWhiteSpace((char)c) : false);

    public static long CodePointCount(string text)
    {
        long count = 0;
        foreach (Rune _ in text.EnumerateRunes()) count++;
        return count;
    }

    public static List<string> CodePoints(string text) => text.EnumerateRunes().Select(r => r.ToString()).ToList();

    public static string Strip(string text, string? chars, bool left, bool right)
    {
        List<string> points = CodePoints(text);
        Func<string, bool> strips = chars is null ? p => IsSpace(char.ConvertToUtf32(p, 0)) : p => chars.Contains(p, StringComparison.Ordinal);
        int start = 0;
        int end = points.Count;
        if (left) while (start < end && strips(points[start])) start++;
        if (right) while (end > start && strips(points[end - 1])) end--;
        return string.Concat(points.Skip(start).Take(end - start));
    }

    public static List<object?> Split(string text, string? separator, long maxSplit)
    {
        var parts = new List<object?>();
        if (separator is null)
        {
            int i = 0;
            while (true)
            {
                while (i < text.Length && IsSpace(text[i])) i++;
                if (i >= text.Length) break;
                if (maxSplit >= 0 && parts.Count == maxSplit)
                {
                    parts.Add(text[i..].TrimEnd());
                    break;
                }
                int start = i;
                while (i < text.Length && !IsSpace(text[i])) i++;
                parts.Add(text[start..i]);
            }
            return parts;
        }
        if (separator.Length == 0) throw new TemplateRuntimeException("empty separator");
        int from = 0;
        while (maxSplit < 0 || parts.Count < maxSplit)
        {
            int at = text.IndexOf(separator, from, StringComparison.Ordinal);
            if (at < 0) break;
            parts.Add(text[from..at]);
            from = at + separator.Length;
        }
        parts.Add(text[from..]);
        return parts;
    }

    /// <summary>Python's <c>str.title()</c>-like capitalisation used by Jinja's <c>title</c> filter.</summary>
    public static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..].ToLowerInvariant();
}
