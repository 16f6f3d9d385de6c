namespace Understudy.Pipelines.Curation;

/// <summary>
/// ROUGE-L between two texts over their normalised words (<see cref="TextNormaliser.Words"/>): with L the length of
/// the longest common subsequence, precision = L / |candidate|, recall = L / |reference|, F = 2PR / (P + R).
/// </summary>
public static class RougeL
{
    /// <summary>The F-measure (0 when either text has no words or they share none).</summary>
    public static double FMeasure(string candidate, string reference) => Score(candidate, reference).F;

    /// <summary>Precision, recall and F-measure.</summary>
    public static (double Precision, double Recall, double F) Score(string candidate, string reference)
    {
        string[] c = TextNormaliser.Words(candidate);
        string[] r = TextNormaliser.Words(reference);
        int lcs = LongestCommonSubsequence(c, r);
        if (lcs == 0)
        {
            return (0, 0, 0);
        }
        double precision = (double)lcs / c.Length;
        double recall = (double)lcs / r.Length;
        return (precision, recall, 2 * precision * recall / (precision + recall));
    }

    /// <summary>Length of the longest common subsequence of two word sequences (dynamic programming, two rows).</summary>
    public static int LongestCommonSubsequence(IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var previous = new int[second.Count + 1];
        var current = new int[second.Count + 1];
        for (int i = 1; i <= first.Count; i++)
        {
            for (int j = 1; j <= second.Count; j++)
            {
                current[j] = string.Equals(first[i - 1], second[j - 1], StringComparison.Ordinal)
                    ? previous[j - 1] + 1
                    : Math.Max(previous[j], current[j - 1]);
            }
            (previous, current) = (current, previous);
        }
        return previous[second.Count];
    }
}
