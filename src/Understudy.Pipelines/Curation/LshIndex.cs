namespace Understudy.Pipelines.Curation;

/// <summary>
/// Locality-sensitive hashing over MinHash signatures: each band of a signature is a bucket key; items that share
/// a bucket in any band are candidates of each other. Item ids are the caller's (row indexes here).
/// </summary>
public sealed class LshIndex
{
    private readonly Dictionary<(int Band, UInt128 Key), List<int>> _buckets = [];

    public LshIndex(LshParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
    }

    public LshParameters Parameters { get; }

    /// <summary>Items added so far.</summary>
    public int Count { get; private set; }

    /// <summary>Adds an item under each of its band keys.</summary>
    public void Add(int id, ulong[] signature)
    {
        for (int band = 0; band < Parameters.Bands; band++)
        {
            var key = (band, BandKey(signature, band));
            if (!_buckets.TryGetValue(key, out List<int>? ids))
            {
                _buckets[key] = ids = [];
            }
            ids.Add(id);
        }
        Count++;
    }

    /// <summary>The ids that share at least one band with <paramref name="signature"/>, ascending.</summary>
    public IReadOnlyList<int> Candidates(ulong[] signature)
    {
        var found = new SortedSet<int>();
        for (int band = 0; band < Parameters.Bands; band++)
        {
            if (_buckets.TryGetValue((band, BandKey(signature, band)), out List<int>? ids))
            {
                found.UnionWith(ids);
            }
        }
        return [.. found];
    }

    private UInt128 BandKey(ulong[] signature, int band)
    {
        ArgumentNullException.ThrowIfNull(signature);
        int start = band * Parameters.Rows;
        if (start + Parameters.Rows > signature.Length)
        {
            throw new ArgumentException(
                $"signature of {signature.Length} values is too short for {Parameters.Bands} bands x {Parameters.Rows} rows", nameof(signature));
        }
        // Two independent 64-bit FNV-style mixes of the band's values: a collision of both is negligible.
        ulong first = 14695981039346656037UL, second = 0x9E3779B97F4A7C15UL;
        for (int i = start; i < start + Parameters.Rows; i++)
        {
            first = (first ^ signature[i]) * 1099511628211UL;
            second = (second ^ signature[i]) * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL;
        }
        return new UInt128(first, second);
    }
}
