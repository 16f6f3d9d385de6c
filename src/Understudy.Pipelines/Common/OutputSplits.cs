using Understudy.Core.Datasets;

namespace Understudy.Pipelines.Common;

/// <summary>
/// Read and prepare the output split of a resumable step. A split written by an earlier run of the same step
/// (same identity hash in its provenance) is always resumed; <c>append: false</c> only discards output that an
/// earlier, different run left there.
/// </summary>
public static class OutputSplits
{
    /// <summary>The split that keeps the failures of <paramref name="split"/>.</summary>
    public static string FailuresOf(string split) => split + "_failures";

    /// <summary>True when the dataset exists and has the split.</summary>
    public static async Task<bool> ExistsAsync(IDatasetStore store, string datasetId, string split, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        DatasetInfo? info = await store.GetAsync(datasetId, cancellationToken);
        return info is not null && info.Splits.Any(s => s.Name == split);
    }

    /// <summary>All rows of the split, or none when the dataset or split does not exist yet.</summary>
    public static async Task<List<T>> ReadOrEmptyAsync<T>(
        IDatasetStore store, string datasetId, string split, CancellationToken cancellationToken)
        where T : class, new()
    {
        if (!await ExistsAsync(store, datasetId, split, cancellationToken))
        {
            return [];
        }
        var rows = new List<T>();
        await foreach (T row in store.ReadAsync<T>(datasetId, split, cancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// When <paramref name="append"/> is false and the split holds output of a run with another identity, deletes
    /// it and its failures split, so this run starts afresh; otherwise leaves everything to be resumed.
    /// Returns true when earlier output was discarded.
    /// </summary>
    public static async Task<bool> PrepareAsync(
        IDatasetStore store, string datasetId, string split, bool append, string identityHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (append)
        {
            return false;
        }
        DatasetInfo? info = await store.GetAsync(datasetId, cancellationToken);
        SplitInfo? existing = info?.Splits.FirstOrDefault(s => s.Name == split);
        if (existing is null || existing.Provenance?.ConfigHash == identityHash)
        {
            return false;
        }
        await store.DeleteAsync(datasetId, split, cancellationToken);
        if (info!.Splits.Any(s => s.Name == FailuresOf(split)))
        {
            await store.DeleteAsync(datasetId, FailuresOf(split), cancellationToken);
        }
        return true;
    }

    /// <summary>All rows of an input split; the store's <see cref="DatasetNotFoundException"/> names what exists.</summary>
    public static async Task<List<T>> ReadOrFailAsync<T>(
        IDatasetStore store, string datasetId, string split, CancellationToken cancellationToken)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(store);
        var rows = new List<T>();
        await foreach (T row in store.ReadAsync<T>(datasetId, split, cancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }
}
