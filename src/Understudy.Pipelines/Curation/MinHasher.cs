using System.Text;

namespace Understudy.Pipelines.Curation;

/// <summary>
/// MinHash signatures of shingle sets. Each shingle is hashed once (64-bit FNV-1a of its UTF-8 bytes, reduced
/// modulo the Mersenne prime p = 2^61 − 1); permutation i maps a hash x to (aᵢ·x + bᵢ) mod p with aᵢ ∈ [1, p),
/// bᵢ ∈ [0, p) drawn from a <see cref="Random"/> seeded by the seed; the signature keeps each permutation's minimum.
/// The share of equal positions of two signatures estimates the Jaccard similarity of the two sets.
/// </summary>
public sealed class MinHasher
{
    /// <summary>2^61 − 1: permutation values lie in [0, p).</summary>
    public const ulong Prime = (1UL << 61) - 1;

    /// <summary>The signature value of every position for an empty set (no shingle ever hashes this high).</summary>
    public const ulong Empty = ulong.MaxValue;

    private readonly ulong[] _a;
    private readonly ulong[] _b;

    public MinHasher(int numPerm, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numPerm, 1);
        var random = new Random(seed);
        _a = new ulong[numPerm];
        _b = new ulong[numPerm];
        for (int i = 0; i < numPerm; i++)
        {
            _a[i] = (ulong)random.NextInt64(1, (long)Prime);
            _b[i] = (ulong)random.NextInt64(0, (long)Prime);
        }
    }

    /// <summary>Signature length.</summary>
    public int NumPerm => _a.Length;

    /// <summary>Permutation <paramref name="i"/> applied to a shingle hash: (aᵢ·x + bᵢ) mod p.</summary>
    public ulong Permute(int i, ulong hash) => (ulong)((((UInt128)_a[i] * (hash % Prime)) + _b[i]) % Prime);

    /// <summary>The signature of a set of shingles.</summary>
    public ulong[] Signature(IEnumerable<string> shingles)
    {
        ArgumentNullException.ThrowIfNull(shingles);
        var signature = new ulong[NumPerm];
        Array.Fill(signature, Empty);
        foreach (string shingle in shingles)
        {
            ulong hash = Hash(shingle);
            for (int i = 0; i < signature.Length; i++)
            {
                ulong value = Permute(i, hash);
                if (value < signature[i])
                {
                    signature[i] = value;
                }
            }
        }
        return signature;
    }

    /// <summary>Estimated Jaccard similarity: the share of positions where the signatures agree (0 when either set was empty).</summary>
    public static double EstimateJaccard(ulong[] first, ulong[] second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Length != second.Length)
        {
            throw new ArgumentException($"signatures differ in length ({first.Length} vs {second.Length})", nameof(second));
        }
        if (first.Length == 0 || first[0] == Empty || second[0] == Empty)
        {
            return 0;
        }
        int equal = 0;
        for (int i = 0; i < first.Length; i++)
        {
            equal += first[i] == second[i] ? 1 : 0;
        }
        return (double)equal / first.Length;
    }

    /// <summary>64-bit FNV-1a of the UTF-8 bytes: stable across processes and platforms (unlike string.GetHashCode).</summary>
    public static ulong Hash(string shingle)
    {
        ArgumentNullException.ThrowIfNull(shingle);
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(shingle))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return hash;
    }
}
