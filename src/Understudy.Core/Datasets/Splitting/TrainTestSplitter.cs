using System.Security.Cryptography;
using System.Text;

namespace Understudy.Core.Datasets.Splitting;

/// <summary>
/// Reproducible train/test splits. Rows are ordered by a hash of (seed, row id) and the first
/// <c>round(count × testSize)</c> go to test, so the split depends only on the seed and the rows' content: not on
/// their order in the file, the machine, or the .NET version. Stratified, each category is split on its own.
/// </summary>
public static class TrainTestSplitter
{
    /// <summary>Splits <paramref name="rows"/>; both results keep the rows' original order.</summary>
    /// <param name="rows">Rows to split.</param>
    /// <param name="idOf">The row's stable id (e.g. <see cref="CoverageRow.PromptId"/>).</param>
    /// <param name="testSize">Share of rows for test, from 0 (none) to below 1.</param>
    /// <param name="seed">Changes which rows go to test.</param>
    /// <param name="stratumOf">When given, splits each stratum (e.g. category) separately.</param>
    public static (List<T> Train, List<T> Test) Split<T>(IReadOnlyList<T> rows, Func<T, string> idOf, double testSize, int seed,
        Func<T, string>? stratumOf = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(idOf);
        ArgumentOutOfRangeException.ThrowIfNegative(testSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(testSize, 1.0);
        var testIndices = new HashSet<int>();
        var strata = Enumerable.Range(0, rows.Count).GroupBy(index => stratumOf?.Invoke(rows[index]) ?? "");
        foreach (var stratum in strata)
        {
            var ordered = stratum.OrderBy(index => SortKey(seed, idOf(rows[index])), StringComparer.Ordinal).ThenBy(index => index).ToList();
            int testCount = (int)Math.Round(ordered.Count * testSize, MidpointRounding.AwayFromZero);
            testIndices.UnionWith(ordered.Take(testCount));
        }
        var train = new List<T>(rows.Count - testIndices.Count);
        var test = new List<T>(testIndices.Count);
        for (int index = 0; index < rows.Count; index++)
        {
            (testIndices.Contains(index) ? test : train).Add(rows[index]);
        }
        return (train, test);
    }

    private static string SortKey(int seed, string id) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{id}")));
}
