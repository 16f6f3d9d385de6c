namespace Understudy.Pipelines.Synthesis;

/// <summary>
/// Picks seed rows without replacement, reproducibly: position p of the sequence is row
/// <c>permutation_e[p mod n]</c> where e = p / n is the epoch and each epoch's permutation is a Fisher–Yates
/// shuffle seeded from (seed, epoch). No row repeats before every row has been used once.
/// </summary>
public sealed class SeedSampler
{
    private readonly int _count;
    private readonly int _seed;
    private readonly Dictionary<long, int[]> _permutations = [];

    public SeedSampler(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _count = count;
        _seed = seed;
    }

    /// <summary>The row index used at <paramref name="position"/> (0-based call index).</summary>
    public int IndexAt(long position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        long epoch = position / _count;
        lock (_permutations)
        {
            if (!_permutations.TryGetValue(epoch, out int[]? permutation))
            {
                permutation = Shuffle(unchecked((_seed * 1_000_003) + (int)epoch)); // not HashCode: it is salted per process
                _permutations[epoch] = permutation;
            }
            return permutation[position % _count];
        }
    }

    private int[] Shuffle(int epochSeed)
    {
        // System.Random with an explicit seed uses the same algorithm on every .NET version, so picks are stable.
        var random = new Random(epochSeed);
        int[] indices = [.. Enumerable.Range(0, _count)];
        for (int i = _count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
        return indices;
    }
}
