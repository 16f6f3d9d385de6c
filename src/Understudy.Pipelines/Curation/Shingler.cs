namespace Understudy.Pipelines.Curation;

/// <summary>
/// Cuts a text into the set of its shingles: n consecutive words (joined by a space) or n consecutive characters of
/// the normalised text (<see cref="TextNormaliser"/>). A text shorter than n is one shingle; an empty text has none.
/// </summary>
public sealed class Shingler
{
    public Shingler(ShingleUnit unit, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Unit = unit;
        Size = size;
    }

    public ShingleUnit Unit { get; }

    public int Size { get; }

    /// <summary>The distinct shingles of <paramref name="text"/>.</summary>
    public HashSet<string> Shingles(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Unit == ShingleUnit.Word ? WordShingles(TextNormaliser.Words(text), Size) : CharShingles(TextNormaliser.Normalise(text), Size);
    }

    /// <summary>The distinct n-grams of a word sequence, each joined by single spaces.</summary>
    public static HashSet<string> WordShingles(IReadOnlyList<string> words, int n)
    {
        ArgumentNullException.ThrowIfNull(words);
        var shingles = new HashSet<string>(StringComparer.Ordinal);
        if (words.Count == 0)
        {
            return shingles;
        }
        if (words.Count <= n)
        {
            shingles.Add(string.Join(' ', words));
            return shingles;
        }
        for (int start = 0; start + n <= words.Count; start++)
        {
            shingles.Add(string.Join(' ', words.Skip(start).Take(n)));
        }
        return shingles;
    }

    private static HashSet<string> CharShingles(string text, int n)
    {
        var shingles = new HashSet<string>(StringComparer.Ordinal);
        if (text.Length == 0)
        {
            return shingles;
        }
        if (text.Length <= n)
        {
            shingles.Add(text);
            return shingles;
        }
        for (int start = 0; start + n <= text.Length; start++)
        {
            shingles.Add(text.Substring(start, n));
        }
        return shingles;
    }
}
