namespace Understudy.Engine.Hub;

/// <summary>
/// The Hub cache's folder layout for one model repository:
/// <c>models--org--name/{blobs/ETAG, snapshots/COMMIT/FILE → ../../blobs/ETAG, refs/REVISION = COMMIT}</c>.
/// </summary>
public sealed class HubCacheLayout
{
    /// <summary>Layout of <paramref name="repoId"/> under <paramref name="cacheDirectory"/>.</summary>
    public HubCacheLayout(string cacheDirectory, string repoId)
    {
        RepoFolder = Path.Combine(cacheDirectory, "models--" + repoId.Replace("/", "--", StringComparison.Ordinal));
    }

    /// <summary>The repository's cache folder.</summary>
    public string RepoFolder { get; }

    /// <summary>Content-addressed file storage.</summary>
    public string BlobPath(string etag) => Path.Combine(RepoFolder, "blobs", etag);

    /// <summary>A commit's file tree.</summary>
    public string SnapshotFolder(string commit) => Path.Combine(RepoFolder, "snapshots", commit);

    /// <summary>The file naming the commit a revision (branch/tag) points to.</summary>
    public string RefPath(string revision) => Path.Combine(RepoFolder, "refs", revision);

    /// <summary>The commit cached for <paramref name="revision"/> (a commit hash resolves to itself), or null.</summary>
    public string? CachedCommit(string revision)
    {
        if (IsCommitHash(revision)) return Directory.Exists(SnapshotFolder(revision)) ? revision : null;
        string path = RefPath(revision);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    /// <summary>True for a 40-hex-digit commit id.</summary>
    public static bool IsCommitHash(string revision) => revision.Length == 40 && revision.All(Uri.IsHexDigit);
}
