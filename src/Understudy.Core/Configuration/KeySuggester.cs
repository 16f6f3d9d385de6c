namespace Understudy.Core.Configuration;

/// <summary>Finds the valid name nearest to a misspelled one (Damerau-Levenshtein distance).</summary>
public static class KeySuggester
{
    /// <summary>
    /// The candidate nearest to <paramref name="misspelled"/>, or null when none is close enough to be a
    /// plausible typo (more than a third of the name, and more than two edits, away).
    /// </summary>
    public static string? Nearest(string misspelled, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(misspelled);
        ArgumentNullException.ThrowIfNull(candidates);
        var limit = Math.Max(2, misspelled.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(misspelled, candidate);
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= limit ? best : null;
    }

    /// <summary>
    /// Edit distance counting insertions, deletions, substitutions and transpositions of adjacent
    /// characters (optimal string alignment variant), case-insensitively.
    /// </summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                var value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1
                    && char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 2])
                    && char.ToLowerInvariant(a[i - 2]) == char.ToLowerInvariant(b[j - 1]))
                {
                    value = Math.Min(value, d[i - 2, j - 2] + 1);
                }

                d[i, j] = value;
            }
        }

        return d[a.Length, b.Length];
    }
}
