using System.Text.Json.Serialization;

namespace Understudy.Core.Hub;

/// <summary>An entry of a repository tree (<c>GET /api/datasets/{id}/tree/{revision}</c>).</summary>
public sealed record HubRepoFile
{
    /// <summary>"file" or "directory".</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "file";

    /// <summary>Path inside the repository, with '/' separators.</summary>
    [JsonPropertyName("path")]
    public string Path { get; init; } = "";

    /// <summary>Size in bytes.</summary>
    [JsonPropertyName("size")]
    public long Size { get; init; }

    /// <summary>Git object id (SHA-1 of the blob or of the LFS pointer).</summary>
    [JsonPropertyName("oid")]
    public string Oid { get; init; } = "";

    /// <summary>LFS details when the file is stored in LFS (binary files such as Parquet are).</summary>
    [JsonPropertyName("lfs")]
    public HubLfsInfo? Lfs { get; init; }
}

/// <summary>The LFS part of a tree entry: the SHA-256 of the content.</summary>
public sealed record HubLfsInfo
{
    /// <summary>Hex SHA-256 of the file content.</summary>
    [JsonPropertyName("oid")]
    public string Oid { get; init; } = "";

    /// <summary>Size in bytes.</summary>
    [JsonPropertyName("size")]
    public long Size { get; init; }
}
