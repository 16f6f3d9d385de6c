using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Understudy.Core.Configuration;
using Understudy.Core.Datasets;

namespace Understudy.Pipelines.Tests.Fakes;

/// <summary>
/// An <see cref="IDatasetStore"/> in memory for pipeline tests. Rows are stored as JSON, so what a reader gets back
/// is a copy (as from disk); <see cref="FailAppendAfter"/> makes the Nth append throw, like a crash mid-run.
/// </summary>
public sealed class InMemoryDatasetStore : IDatasetStore
{
    private readonly ConcurrentDictionary<(string Id, string Split), StoredSplit> _splits = new();
    private int _appends;

    /// <summary>When set, the append with this 1-based number (and every later one) throws <see cref="IOException"/>.</summary>
    public int? FailAppendAfter { get; set; }

    public int AppendCount => Volatile.Read(ref _appends);

    public Task<IReadOnlyList<DatasetInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DatasetInfo>>([.. _splits.Keys.Select(k => k.Id).Distinct().Order().Select(Info)]);

    public Task<DatasetInfo?> GetAsync(string datasetId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_splits.Keys.Any(k => k.Id == datasetId) ? Info(datasetId) : null);

    public async IAsyncEnumerable<T> ReadAsync<T>(string datasetId, string split, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class, new()
    {
        if (!_splits.TryGetValue((datasetId, split), out StoredSplit? stored))
        {
            throw new DatasetNotFoundException($"No split '{split}' in dataset '{datasetId}'.");
        }
        string[] rows;
        lock (stored)
        {
            rows = [.. stored.Rows];
        }
        foreach (string json in rows)
        {
            await Task.Yield();
            yield return JsonSerializer.Deserialize<T>(json)!;
        }
    }

    /// <summary>Untyped rows with every value as its JSON text (the pipelines read typed rows; no test here relies on value types).</summary>
    public async IAsyncEnumerable<IReadOnlyDictionary<string, object?>> ReadRecordsAsync(string datasetId, string split,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (Dictionary<string, JsonElement> row in ReadAsync<Dictionary<string, JsonElement>>(datasetId, split, cancellationToken))
        {
            yield return row.ToDictionary(p => p.Key, p => (object?)p.Value.ToString());
        }
    }

    public Task WriteAsync<T>(string datasetId, string split, IEnumerable<T> rows, DatasetProvenance provenance, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        _splits[(datasetId, split)] = new StoredSplit(Columns<T>(), provenance, [.. rows.Select(r => JsonSerializer.Serialize(r))]);
        return Task.CompletedTask;
    }

    public Task AppendAsync<T>(string datasetId, string split, IReadOnlyList<T> rows, DatasetProvenance provenance, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        int number = Interlocked.Increment(ref _appends);
        if (number >= FailAppendAfter)
        {
            throw new IOException($"simulated crash at append {number}");
        }
        StoredSplit stored = _splits.GetOrAdd((datasetId, split), _ => new StoredSplit(Columns<T>(), provenance, []));
        lock (stored)
        {
            stored.Rows.AddRange(rows.Select(r => JsonSerializer.Serialize(r)));
            stored.Provenance = provenance;
        }
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string datasetId, string? split = null, CancellationToken cancellationToken = default)
    {
        foreach (var key in _splits.Keys.Where(k => k.Id == datasetId && (split is null || k.Split == split)))
        {
            _splits.TryRemove(key, out _);
        }
        return Task.CompletedTask;
    }

    /// <summary>Test helper: every row of a split (empty when it does not exist).</summary>
    public List<T> Rows<T>(string datasetId, string split) where T : class, new() =>
        _splits.TryGetValue((datasetId, split), out StoredSplit? stored)
            ? [.. stored.Rows.Select(json => JsonSerializer.Deserialize<T>(json)!)]
            : [];

    public bool Has(string datasetId, string split) => _splits.ContainsKey((datasetId, split));

    private DatasetInfo Info(string datasetId) => new(datasetId, [.. _splits
        .Where(p => p.Key.Id == datasetId)
        .OrderBy(p => p.Key.Split, StringComparer.Ordinal)
        .Select(p => new SplitInfo(p.Key.Split, p.Value.Rows.Count, p.Value.Columns, p.Value.Provenance))]);

    private static IReadOnlyList<string> Columns<T>() =>
        [.. typeof(T).GetProperties().Where(p => p.CanWrite).Select(p => ConfigKeyNaming.ToSnakeCase(p.Name))];

    private sealed class StoredSplit(IReadOnlyList<string> columns, DatasetProvenance provenance, List<string> rows)
    {
        public IReadOnlyList<string> Columns { get; } = columns;

        public DatasetProvenance Provenance { get; set; } = provenance;

        public List<string> Rows { get; } = rows;
    }
}
