using System.Text.RegularExpressions;

namespace Understudy.Engine.Tokenization.PreTokenizers;

/// <summary>
/// Splits on a literal or regex pattern with one of the <see cref="SplitBehavior"/>s (<c>"type": "Split"</c>),
/// e.g. Llama 3's and Qwen's word regex with <c>Isolated</c>.
/// </summary>
public sealed class SplitPreTokenizer(Regex pattern, SplitBehavior behavior, bool invert) : IPreTokenizer
{
    /// <summary>A split on a literal string.</summary>
    public static SplitPreTokenizer Literal(string text, SplitBehavior behavior, bool invert) =>
        new(new Regex(Regex.Escape(text), RegexOptions.CultureInvariant), behavior, invert);

    /// <inheritdoc />
    public IEnumerable<string> Split(string piece, bool isStartOfText)
    {
        var segments = new List<(int Start, int End, bool IsMatch)>();
        int previous = 0;
        foreach (ValueMatch match in pattern.EnumerateMatches(piece))
        {
            if (match.Length == 0) continue;
            if (match.Index > previous) segments.Add((previous, match.Index, invert));
            segments.Add((match.Index, match.Index + match.Length, !invert));
            previous = match.Index + match.Length;
        }
        if (previous < piece.Length) segments.Add((previous, piece.Length, invert));

        List<(int Start, int End, bool IsMatch)> combined = Combine(segments, behavior);
        var pieces = new List<string>(combined.Count);
        foreach ((int start, int end, _) in combined) pieces.Add(piece[start..end]);
        return pieces;
    }

    /// <summary>Applies the behaviour to the matched and unmatched segments, in order, as HF tokenizers does.</summary>
    internal static List<(int Start, int End, bool IsMatch)> Combine(List<(int Start, int End, bool IsMatch)> segments, SplitBehavior behavior)
    {
        var result = new List<(int Start, int End, bool IsMatch)>(segments.Count);
        bool previousMatch = false;
        switch (behavior)
        {
            case SplitBehavior.Isolated:
                return segments;
            case SplitBehavior.Removed:
                return segments.Where(s => !s.IsMatch).ToList();
            case SplitBehavior.Contiguous:
                foreach (var segment in segments)
                {
                    if (segment.IsMatch && previousMatch && result.Count > 0) result[^1] = (result[^1].Start, segment.End, true);
                    else result.Add(segment);
                    previousMatch = segment.IsMatch;
                }
                return result;
            case SplitBehavior.MergedWithPrevious:
                foreach (var segment in segments)
                {
                    if (segment.IsMatch && !previousMatch && result.Count > 0) result[^1] = (result[^1].Start, segment.End, false);
                    else result.Add(segment);
                    previousMatch = segment.IsMatch;
                }
                return result;
            case SplitBehavior.MergedWithNext:
                for (int i = segments.Count - 1; i >= 0; i--)
                {
                    var segment = segments[i];
                    if (segment.IsMatch && !previousMatch && result.Count > 0) result[^1] = (segment.Start, result[^1].End, false);
                    else result.Add(segment);
                    previousMatch = segment.IsMatch;
                }
                result.Reverse();
                return result;
            default:
                throw new ArgumentOutOfRangeException(nameof(behavior), behavior, "Unknown split behaviour.");
        }
    }
}
