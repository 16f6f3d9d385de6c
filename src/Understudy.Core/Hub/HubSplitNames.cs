using System.Text.RegularExpressions;

namespace Understudy.Core.Hub;

/// <summary>
/// Which split a Parquet file of a Hub dataset belongs to, from its path, following the layouts the Hub and the
/// <c>datasets</c> library write: <c>data/train-00000-of-00002.parquet</c>, <c>default/train/0000.parquet</c>
/// (the Hub's conversion), <c>train.parquet</c>, <c>data/test.parquet</c>. Anything else is <c>train</c>.
/// </summary>
public static partial class HubSplitNames
{
    /// <summary>The split name of <paramref name="pathInRepo"/>.</summary>
    public static string FromPath(string pathInRepo)
    {
        ArgumentNullException.ThrowIfNull(pathInRepo);
        string[] segments = pathInRepo.Split('/');
        string stem = Path.GetFileNameWithoutExtension(segments[^1]);
        Match shard = ShardPattern().Match(stem);
        if (shard.Success)
        {
            return shard.Groups["split"].Value;
        }
        if (segments.Length >= 2 && ShardNumberPattern().IsMatch(stem) && segments[^2] != "data" && ValidSplit().IsMatch(segments[^2]))
        {
            return segments[^2];
        }
        return ValidSplit().IsMatch(stem) && !stem.StartsWith("part", StringComparison.Ordinal) ? stem : "train";
    }

    [GeneratedRegex(@"^(?<split>[A-Za-z0-9_.]+?)-\d{5}-of-\d{5}$")]
    private static partial Regex ShardPattern();

    [GeneratedRegex(@"^(\d+|part-\d+)$")]
    private static partial Regex ShardNumberPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex ValidSplit();
}
