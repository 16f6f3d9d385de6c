namespace Understudy.Core.Hub;

/// <summary>What a pull did: files found and downloaded (the rest came from the cache), and the rows of each split.</summary>
public sealed record HubPullReport(
    string RepoId,
    string LocalId,
    string Revision,
    int FilesFound,
    int FilesDownloaded,
    IReadOnlyList<(string Split, long Rows)> Splits);
