namespace Understudy.Pipelines.Curation;

/// <summary>
/// Word n-gram sets of reference texts (the test rows), indexed by n-gram. The overlap of a text with one reference
/// is |A ∩ B| / min(|A|, |B|) over their n-gram sets, so a training row that contains a test prompt, or is contained
/// in one, scores 1. A text shorter than n words is one n-gram (the whole text).
/// </summary>
public sealed class NgramOverlapIndex
{
    private readonly int _n;
    private readonly Dictionary<string, List<int>> _postings = new(StringComparer.Ordinal);
    private readonly List<int> _sizes = [];

    public NgramOverlapIndex(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        _n = n;
    }

    /// <summary>Adds a reference text; its id is its position (0, 1, ...).</summary>
    public int Add(string text)
    {
        int id = _sizes.Count;
        HashSet<string> grams = Grams(text);
        _sizes.Add(grams.Count);
        foreach (string gram in grams)
        {
            if (!_postings.TryGetValue(gram, out List<int>? ids))
            {
                _postings[gram] = ids = [];
            }
            ids.Add(id);
        }
        return id;
    }

    /// <summary>The reference with the highest overlap (lowest id on ties) and the overlap; (-1, 0) when none shares an n-gram.</summary>
    public (int Id, double Overlap) BestMatch(string text)
    {
        HashSet<string> grams = Grams(text);
        var shared = new Dictionary<int, int>();
        foreach (string gram in grams)
        {
            if (_postings.TryGetValue(gram, out List<int>? ids))
            {
                foreach (int id in ids)
                {
                    shared[id] = shared.GetValueOrDefault(id) + 1;
                }
            }
        }
        (int Id, double Overlap) best = (-1, 0);
        foreach (var (id, count) in shared.OrderBy(p => p.Key))
        {
            double overlap = (double)count / Math.Min(grams.Count, _sizes[id]);
            if (overlap > best.Overlap)
            {
                best = (id, overlap);
            }
        }
        return best;
    }

    private HashSet<string> Grams(string text) => Shingler.WordShingles(TextNormaliser.Words(text), _n);
}
