using System.Text.Json;

namespace Understudy.Core.Datasets.Catalog;

/// <summary>
/// The store's record of what produced each split (<c>catalog.json</c> next to the datasets). Updates are
/// serialised across threads and processes by an exclusive lock file and written atomically (temp file, rename).
/// </summary>
public sealed class DatasetCatalog
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _lockPath;

    /// <summary>A catalog kept in <paramref name="catalogPath"/> (created on first update).</summary>
    public DatasetCatalog(string catalogPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(catalogPath);
        CatalogPath = Path.GetFullPath(catalogPath);
        _lockPath = CatalogPath + ".lock";
    }

    /// <summary>Path of the JSON file.</summary>
    public string CatalogPath { get; }

    /// <summary>All entries, sorted by dataset then split.</summary>
    public async Task<IReadOnlyList<CatalogEntry>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(CatalogPath))
        {
            return [];
        }
        await using FileStream stream = new(CatalogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            return await JsonSerializer.DeserializeAsync<List<CatalogEntry>>(stream, JsonOptions, cancellationToken) ?? [];
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException(
                $"The dataset catalog '{CatalogPath}' is not valid JSON ({exception.Message}). Fix or delete it; " +
                "the data files are not affected, only the recorded provenance.", exception);
        }
    }

    /// <summary>The entry of one split, or null when none was recorded.</summary>
    public async Task<CatalogEntry?> FindAsync(string datasetId, string split, CancellationToken cancellationToken = default) =>
        (await ReadAllAsync(cancellationToken)).FirstOrDefault(entry => entry.DatasetId == datasetId && entry.Split == split);

    /// <summary>Records that a split was (re)written with <paramref name="rowCount"/> rows by <paramref name="provenance"/>.</summary>
    public Task RecordAsync(string datasetId, string split, DatasetProvenance provenance, long rowCount,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        return UpdateAsync(entries =>
        {
            entries.RemoveAll(entry => entry.DatasetId == datasetId && entry.Split == split);
            entries.Add(NewEntry(datasetId, split, provenance, provenance.CreatedAt, rowCount));
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>
    /// Records a batch of <paramref name="addedRows"/> appended to a split: the entry keeps its creation time and its
    /// count grows, both under the catalog lock so concurrent appends add up. A split with no entry yet is counted
    /// with <paramref name="countRows"/>.
    /// </summary>
    public Task RecordAppendAsync(string datasetId, string split, DatasetProvenance provenance, long addedRows,
        Func<Task<long>> countRows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        ArgumentNullException.ThrowIfNull(countRows);
        return UpdateAsync(async entries =>
        {
            CatalogEntry? previous = entries.FirstOrDefault(entry => entry.DatasetId == datasetId && entry.Split == split);
            long rowCount = previous is null ? await countRows() : previous.RowCount + addedRows;
            entries.RemoveAll(entry => entry.DatasetId == datasetId && entry.Split == split);
            entries.Add(NewEntry(datasetId, split, provenance, previous?.CreatedAt ?? provenance.CreatedAt, rowCount));
        }, cancellationToken);
    }

    /// <summary>Forgets one split, or every split of the dataset when <paramref name="split"/> is null.</summary>
    public Task RemoveAsync(string datasetId, string? split, CancellationToken cancellationToken = default) =>
        UpdateAsync(entries =>
        {
            entries.RemoveAll(entry => entry.DatasetId == datasetId && (split is null || entry.Split == split));
            return Task.CompletedTask;
        }, cancellationToken);

    private static CatalogEntry NewEntry(string datasetId, string split, DatasetProvenance provenance, DateTimeOffset createdAt, long rowCount) => new()
    {
        DatasetId = datasetId,
        Split = split,
        Command = provenance.Command,
        ConfigHash = provenance.ConfigHash,
        Inputs = provenance.Inputs,
        CreatedAt = createdAt,
        UpdatedAt = DateTimeOffset.UtcNow,
        RowCount = rowCount,
    };

    private async Task UpdateAsync(Func<List<CatalogEntry>, Task> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(CatalogPath)!);
            await using FileStream processLock = await AcquireLockFileAsync(cancellationToken);
            var entries = (await ReadAllAsync(cancellationToken)).ToList();
            await change(entries);
            entries.Sort((a, b) => (string.CompareOrdinal(a.DatasetId, b.DatasetId), string.CompareOrdinal(a.Split, b.Split)) switch
            {
                (0, int bySplit) => bySplit,
                (int byDataset, _) => byDataset,
            });
            string tempPath = $"{CatalogPath}.tmp-{Guid.NewGuid():N}";
            await File.WriteAllBytesAsync(tempPath, JsonSerializer.SerializeToUtf8Bytes(entries, JsonOptions), cancellationToken);
            File.Move(tempPath, CatalogPath, overwrite: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<FileStream> AcquireLockFileAsync(CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(_lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 200)
            {
                // Another process holds the catalog for a moment; it only ever holds it for one small write.
                await Task.Delay(25, cancellationToken);
            }
        }
    }
}
