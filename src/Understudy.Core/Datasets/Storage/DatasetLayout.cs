using System.Globalization;
using System.Text.RegularExpressions;

namespace Understudy.Core.Datasets.Storage;

/// <summary>
/// Where a dataset lives on disk: <c>&lt;root&gt;/&lt;id&gt;/&lt;split&gt;/part-NNNNN.parquet</c>, an
/// <c>owner/name</c> id being two nested folders. Only files named like a part count: a temp file left by a
/// crash (<c>.part-NNNNN.parquet.tmp-…</c>) or a staging folder (<c>.train.staging-…</c>) is never read.
/// </summary>
internal sealed partial class DatasetLayout(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string DatasetPath(string datasetId) => Path.Combine(Root, datasetId.Replace('/', Path.DirectorySeparatorChar));

    public string SplitPath(string datasetId, string split) => Path.Combine(DatasetPath(datasetId), split);

    public static string PartFileName(int number) => string.Create(CultureInfo.InvariantCulture, $"part-{number:D5}.parquet");

    /// <summary>The committed part files of a split folder, in write order.</summary>
    public static IReadOnlyList<string> PartFiles(string splitPath)
    {
        if (!Directory.Exists(splitPath))
        {
            return [];
        }
        return Directory.EnumerateFiles(splitPath)
            .Select(path => (Path: path, Number: PartNumber(Path.GetFileName(path))))
            .Where(part => part.Number >= 0)
            .OrderBy(part => part.Number)
            .Select(part => part.Path)
            .ToList();
    }

    /// <summary>
    /// Reserves the next part number of a split folder for one writer by creating <c>.part-NNNNN.claim</c> exclusively
    /// (O_EXCL, atomic on every local file system), so concurrent writers, threads or processes, never pick the same
    /// part. Returns the part's path and the claim to delete once the part is in place; a claim left by a crash only
    /// leaves a gap in the numbering.
    /// </summary>
    public static (string PartPath, string ClaimPath) ClaimNextPart(string splitPath)
    {
        Directory.CreateDirectory(splitPath);
        int number = Directory.EnumerateFiles(splitPath)
            .Select(path => Path.GetFileName(path))
            .Select(name => Math.Max(PartNumber(name), ClaimNumber(name)))
            .DefaultIfEmpty(-1)
            .Max() + 1;
        while (true)
        {
            string claimPath = Path.Combine(splitPath, $".{PartFileName(number)}.claim");
            try
            {
                using (new FileStream(claimPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                }
                return (Path.Combine(splitPath, PartFileName(number)), claimPath);
            }
            catch (IOException) when (File.Exists(claimPath))
            {
                number++;
            }
        }
    }

    /// <summary>The split names of a dataset (folders holding at least one part), sorted.</summary>
    public IReadOnlyList<string> SplitsOf(string datasetId)
    {
        string datasetPath = DatasetPath(datasetId);
        if (!Directory.Exists(datasetPath))
        {
            return [];
        }
        return Directory.EnumerateDirectories(datasetPath)
            .Where(IsVisible)
            .Where(path => PartFiles(path).Count > 0)
            .Select(path => Path.GetFileName(path))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every dataset id in the store (<c>name</c> and <c>owner/name</c>), sorted.</summary>
    public IReadOnlyList<string> DatasetIds()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string first in Directory.EnumerateDirectories(Root).Where(IsVisible))
        {
            string firstName = Path.GetFileName(first);
            if (SplitsOf(firstName).Count > 0)
            {
                ids.Add(firstName);
            }
            foreach (string second in Directory.EnumerateDirectories(first).Where(IsVisible))
            {
                string nestedId = firstName + "/" + Path.GetFileName(second);
                if (SplitsOf(nestedId).Count > 0)
                {
                    ids.Add(nestedId);
                }
            }
        }
        return ids.ToList();
    }

    /// <summary>
    /// Refuses an id whose folder would mix with another dataset's: <c>a</c> with a split <c>b</c> and a dataset
    /// <c>a/b</c> would share the folder <c>a/b</c>.
    /// </summary>
    public void EnsureNoNestingConflict(string datasetId)
    {
        string[] parts = datasetId.Split('/');
        string? conflict = parts.Length == 2
            ? (SplitsOf(parts[0]).Count > 0 ? parts[0] : null)
            : DatasetIds().FirstOrDefault(id => id.StartsWith(datasetId + "/", StringComparison.Ordinal));
        if (conflict is not null)
        {
            throw new InvalidOperationException(
                $"Dataset id '{datasetId}' clashes with the existing dataset '{conflict}' (their folders would overlap " +
                $"under '{Root}'). Choose another name or delete '{conflict}'.");
        }
    }

    /// <summary>
    /// Puts a fully written staging folder in place of a split: the old folder is renamed aside, the staging folder
    /// renamed in, the old one deleted. Readers see the old split or the new one, never a mix.
    /// </summary>
    public void ReplaceSplitFolder(string datasetId, string split, string stagingPath)
    {
        string splitPath = SplitPath(datasetId, split);
        string? retiredPath = null;
        if (Directory.Exists(splitPath))
        {
            retiredPath = Path.Combine(DatasetPath(datasetId), $".{split}.old-{Guid.NewGuid():N}");
            Directory.Move(splitPath, retiredPath);
        }
        Directory.Move(stagingPath, splitPath);
        if (retiredPath is not null)
        {
            Directory.Delete(retiredPath, recursive: true);
        }
    }

    /// <summary>The error for a missing split, naming the splits or datasets that do exist.</summary>
    public DatasetNotFoundException NotFound(string datasetId, string split)
    {
        IReadOnlyList<string> splits = SplitsOf(datasetId);
        if (splits.Count > 0)
        {
            return new DatasetNotFoundException($"Dataset '{datasetId}' has no split '{split}'; its splits are: {string.Join(", ", splits)}.");
        }
        IReadOnlyList<string> known = DatasetIds();
        string hint = Datasets.DatasetIds.IsHubId(datasetId) ? $" To fetch it from the Hugging Face Hub run: understudy datasets pull {datasetId}." : "";
        string available = known.Count == 0 ? "the store is empty" : "datasets: " + string.Join(", ", known);
        return new DatasetNotFoundException($"Dataset '{datasetId}' is not in the store '{Root}' ({available}).{hint}");
    }

    private static bool IsVisible(string path) => !Path.GetFileName(path).StartsWith('.');

    private static int PartNumber(string fileName)
    {
        Match match = PartFilePattern().Match(fileName);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }

    private static int ClaimNumber(string fileName)
    {
        Match match = ClaimFilePattern().Match(fileName);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }

    [GeneratedRegex(@"^\.part-(\d{5,9})\.parquet\.claim$")]
    private static partial Regex ClaimFilePattern();

    [GeneratedRegex(@"^part-(\d{5,9})\.parquet$")]
    private static partial Regex PartFilePattern();
}
