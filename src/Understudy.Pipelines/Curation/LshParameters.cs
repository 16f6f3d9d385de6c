namespace Understudy.Pipelines.Curation;

/// <summary>
/// Banding of a MinHash signature for locality-sensitive hashing: <see cref="Bands"/> bands of <see cref="Rows"/>
/// positions each. Two sets of Jaccard similarity s share at least one band with probability 1 − (1 − sʳ)ᵇ, an
/// S-curve whose steep part sits near (1/b)^(1/r).
/// </summary>
public sealed record LshParameters(int Bands, int Rows)
{
    /// <summary>Probability that two sets of Jaccard similarity <paramref name="similarity"/> become candidates.</summary>
    public double CandidateProbability(double similarity) => 1 - Math.Pow(1 - Math.Pow(similarity, Rows), Bands);

    /// <summary>
    /// The (bands, rows) with bands × rows ≤ <paramref name="numPerm"/> that minimise the sum of the false-positive
    /// area (∫₀ᵗ P(s) ds, pairs below the threshold that become candidates) and the false-negative area
    /// (∫ₜ¹ 1 − P(s) ds, pairs above it that are missed), weighted <paramref name="falseNegativeWeight"/> against
    /// 1 − that — datasketch's MinHashLSH makes this choice with equal weights (0.5). A weight above 0.5 moves the
    /// S-curve below the threshold: more candidates, fewer missed pairs, for callers that confirm candidates anyway.
    /// </summary>
    public static LshParameters ForThreshold(double threshold, int numPerm, double falseNegativeWeight = 0.5)
    {
        if (falseNegativeWeight is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(falseNegativeWeight), falseNegativeWeight, "must be in (0, 1)");
        }
        if (threshold is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "must be in (0, 1]");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(numPerm, 1);
        LshParameters best = new(1, numPerm);
        double bestError = double.MaxValue;
        for (int bands = 1; bands <= numPerm; bands++)
        {
            for (int rows = 1; bands * rows <= numPerm; rows++)
            {
                var candidate = new LshParameters(bands, rows);
                double error = (1 - falseNegativeWeight) * Integrate(candidate.CandidateProbability, 0, threshold)
                    + falseNegativeWeight * Integrate(s => 1 - candidate.CandidateProbability(s), threshold, 1);
                if (error < bestError - 1e-12)
                {
                    (best, bestError) = (candidate, error);
                }
            }
        }
        return best;
    }

    /// <summary>
    /// The configured banding: explicit bands (rows = num_perm / bands when 0), else derived from the threshold with
    /// <see cref="RecallWeight"/>, since curation confirms every candidate (ROUGE-L, or the Jaccard estimate).
    /// </summary>
    public static LshParameters From(int bands, int rows, double threshold, int numPerm) => bands > 0
        ? new LshParameters(bands, rows > 0 ? rows : Math.Max(1, numPerm / bands))
        : ForThreshold(threshold, numPerm, RecallWeight);

    /// <summary>Weight of missed pairs when curation derives the banding: candidates are confirmed, so missing one costs more than checking one.</summary>
    public const double RecallWeight = 0.9;

    private static double Integrate(Func<double, double> f, double from, double to)
    {
        const int steps = 200;
        double width = (to - from) / steps;
        double sum = (f(from) + f(to)) / 2;
        for (int i = 1; i < steps; i++)
        {
            sum += f(from + i * width);
        }
        return sum * width;
    }
}
