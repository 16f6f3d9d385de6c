using System.Text.Json.Serialization;

namespace Understudy.Core.Datasets.Catalog;

/// <summary>One split's record in the catalog: what produced it, from which inputs, when, and how many rows it had.</summary>
public sealed record CatalogEntry
{
    [JsonPropertyName("dataset")]
    public required string DatasetId { get; init; }

    [JsonPropertyName("split")]
    public required string Split { get; init; }

    [JsonPropertyName("command")]
    public required string Command { get; init; }

    [JsonPropertyName("config_hash")]
    public string ConfigHash { get; init; } = "";

    [JsonPropertyName("inputs")]
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>When the split was first written by this command.</summary>
    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the last batch was written.</summary>
    [JsonPropertyName("updated_at")]
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// Rows in the split after the last write, kept up to date per batch. Informational: when several processes start
    /// appending to a new split at once it can be off; the row counts the store reports come from the Parquet files.
    /// </summary>
    [JsonPropertyName("row_count")]
    public long RowCount { get; init; }

    /// <summary>The provenance this entry records.</summary>
    public DatasetProvenance ToProvenance() => new(Command, ConfigHash, Inputs) { CreatedAt = CreatedAt };
}
