using System.Text.Json;
using Understudy.Core.Datasets;

namespace Understudy.Core.Lineage;

/// <summary>Makes <see cref="ArtifactRef"/>s of dataset splits, hashed over their rows (column names and values, in order).</summary>
public static class DatasetArtifacts
{
    /// <summary>The location string of a split: <c>dataset_id:split</c>.</summary>
    public static string Location(string datasetId, string split) => $"{datasetId}:{split}";

    /// <summary>Hash of a split's rows; <see cref="DatasetNotFoundException"/> when it does not exist.</summary>
    public static async Task<string> HashAsync(IDatasetStore store, string datasetId, string split, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var parts = new List<string> { "dataset" };
        await foreach (IReadOnlyDictionary<string, object?> record in store.ReadRecordsAsync(datasetId, split, cancellationToken))
        {
            parts.Add(JsonSerializer.Serialize(record));
        }
        return ContentHash.OfParts(parts);
    }

    /// <summary>An artifact for a split, hashed now.</summary>
    public static async Task<ArtifactRef> DescribeAsync(
        IDatasetStore store, string role, string datasetId, string split, CancellationToken cancellationToken = default)
    {
        string location = Location(datasetId, split);
        return new ArtifactRef(role, ArtifactKinds.Dataset, location, await HashAsync(store, datasetId, split, cancellationToken), location);
    }

    /// <summary>Splits a location written by <see cref="Location"/> back into dataset id and split.</summary>
    /// <exception cref="FormatException">The text has no <c>:</c>.</exception>
    public static (string DatasetId, string Split) Parse(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        int colon = location.LastIndexOf(':');
        if (colon <= 0 || colon == location.Length - 1)
        {
            throw new FormatException($"'{location}' is not a dataset location (expected dataset_id:split).");
        }
        return (location[..colon], location[(colon + 1)..]);
    }
}
