namespace Understudy.Core.Hub;

/// <summary>A local file to commit at <paramref name="PathInRepo"/> (with '/' separators).</summary>
public sealed record HubUpload(string LocalPath, string PathInRepo);

/// <summary>The commit the Hub made.</summary>
public sealed record HubCommitResult(string CommitOid, string CommitUrl);
