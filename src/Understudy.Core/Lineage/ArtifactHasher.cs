using Understudy.Core.Datasets;

namespace Understudy.Core.Lineage;

/// <summary>
/// Re-hashes recorded artifacts where they live now, so a cached step is reused only while its outputs are intact
/// (a dataset rewritten since, or a deleted model folder, makes the step run again).
/// </summary>
public sealed class ArtifactHasher(IDatasetStore datasets)
{
    private readonly IDatasetStore _datasets = datasets ?? throw new ArgumentNullException(nameof(datasets));

    /// <summary>The artifact's hash now; null when it no longer exists. Configs, prompts and judges are values: their hash stands.</summary>
    public async Task<string?> CurrentHashAsync(ArtifactRef artifact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        switch (artifact.Kind)
        {
            case ArtifactKinds.Dataset:
                var (datasetId, split) = DatasetArtifacts.Parse(artifact.Location);
                DatasetInfo? info = await _datasets.GetAsync(datasetId, cancellationToken);
                return info?.Splits.Any(s => s.Name == split) == true
                    ? await DatasetArtifacts.HashAsync(_datasets, datasetId, split, cancellationToken)
                    : null;
            case ArtifactKinds.Model:
                return Directory.Exists(artifact.Location) ? await ContentHash.OfDirectoryAsync(artifact.Location, cancellationToken) : null;
            case ArtifactKinds.File:
                return File.Exists(artifact.Location) ? await ContentHash.OfFileAsync(artifact.Location, cancellationToken) : null;
            default:
                return artifact.Hash;
        }
    }

    /// <summary>True when every artifact still has its recorded hash.</summary>
    public async Task<bool> AllIntactAsync(IEnumerable<ArtifactRef> artifacts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        foreach (ArtifactRef artifact in artifacts)
        {
            if (await CurrentHashAsync(artifact, cancellationToken) != artifact.Hash)
            {
                return false;
            }
        }
        return true;
    }
}
