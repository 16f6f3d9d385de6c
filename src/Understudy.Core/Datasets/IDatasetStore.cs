namespace Understudy.Core.Datasets;

/// <summary>
/// Named datasets with named splits. Rows are typed (<see cref="CoverageRow"/>, <see cref="InferenceRow"/>,
/// <see cref="EvaluationRow"/>, <see cref="SynthRow"/>); columns are the snake_case names of their properties.
/// Writes are incremental: <see cref="AppendAsync{T}"/> makes a batch durable before it returns, so a killed
/// step that re-reads its output can resume without losing or duplicating rows.
/// </summary>
public interface IDatasetStore
{
    /// <summary>Every dataset in the store, sorted by id.</summary>
    Task<IReadOnlyList<DatasetInfo>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Null when the dataset does not exist.</summary>
    Task<DatasetInfo?> GetAsync(string datasetId, CancellationToken cancellationToken = default);

    /// <summary>Rows of one split, in write order. Throws <see cref="DatasetNotFoundException"/> naming what exists.</summary>
    IAsyncEnumerable<T> ReadAsync<T>(string datasetId, string split, CancellationToken cancellationToken = default)
        where T : class, new();

    /// <summary>
    /// Rows of one split as untyped records (column name to value: string, number, bool, list, nested dictionary),
    /// whatever wrote them, including columns no row type knows. Throws <see cref="DatasetNotFoundException"/>.
    /// </summary>
    IAsyncEnumerable<IReadOnlyDictionary<string, object?>> ReadRecordsAsync(string datasetId, string split,
        CancellationToken cancellationToken = default);

    /// <summary>Replaces the split with the given rows.</summary>
    Task WriteAsync<T>(string datasetId, string split, IEnumerable<T> rows, DatasetProvenance provenance,
        CancellationToken cancellationToken = default)
        where T : class, new();

    /// <summary>Adds one batch of rows to the split (creating it), durably, before returning.</summary>
    Task AppendAsync<T>(string datasetId, string split, IReadOnlyList<T> rows, DatasetProvenance provenance,
        CancellationToken cancellationToken = default)
        where T : class, new();

    /// <summary>Deletes one split, or the whole dataset when <paramref name="split"/> is null; nothing when absent.</summary>
    Task DeleteAsync(string datasetId, string? split = null, CancellationToken cancellationToken = default);
}
