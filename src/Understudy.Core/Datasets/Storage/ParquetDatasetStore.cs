using System.Runtime.CompilerServices;
using Understudy.Core.Datasets.Catalog;
using Understudy.Core.Workspaces;

namespace Understudy.Core.Datasets.Storage;

/// <summary>
/// The embedded dataset store: one folder per dataset and split, one Parquet file per written batch
/// (<c>&lt;root&gt;/&lt;id&gt;/&lt;split&gt;/part-NNNNN.parquet</c>), and <c>catalog.json</c> recording what produced
/// each split. Parts appear atomically (written to a temp file, then renamed), so a crash or Ctrl-C mid-write
/// leaves every committed batch readable and nothing half-written visible.
/// </summary>
public sealed class ParquetDatasetStore : IDatasetStore
{
    private readonly DatasetLayout _layout;

    /// <summary>A store rooted at <paramref name="rootPath"/> (created on first write).</summary>
    public ParquetDatasetStore(string rootPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        _layout = new DatasetLayout(rootPath);
        Catalog = new DatasetCatalog(Path.Combine(_layout.Root, "catalog.json"));
    }

    /// <summary>The store of a workspace (<see cref="Workspace.DatasetsPath"/>).</summary>
    public ParquetDatasetStore(Workspace workspace)
        : this((workspace ?? throw new ArgumentNullException(nameof(workspace))).DatasetsPath)
    {
    }

    /// <summary>Absolute path of the store's folder.</summary>
    public string RootPath => _layout.Root;

    /// <summary>What produced each split.</summary>
    public DatasetCatalog Catalog { get; }

    /// <summary>
    /// The committed Parquet files of a split, in write order (for tools that copy files, like export and Hub push).
    /// Throws <see cref="DatasetNotFoundException"/> naming what exists.
    /// </summary>
    public IReadOnlyList<string> GetPartFiles(string datasetId, string split) => RequireParts(datasetId, split);

    /// <inheritdoc />
    public async Task<IReadOnlyList<DatasetInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        var datasets = new List<DatasetInfo>();
        foreach (string datasetId in _layout.DatasetIds())
        {
            datasets.Add(await DescribeAsync(datasetId, cancellationToken));
        }
        return datasets;
    }

    /// <inheritdoc />
    public async Task<DatasetInfo?> GetAsync(string datasetId, CancellationToken cancellationToken = default)
    {
        DatasetIds.Validate(datasetId);
        return _layout.SplitsOf(datasetId).Count == 0 ? null : await DescribeAsync(datasetId, cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<T> ReadAsync<T>(string datasetId, string split,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class, new()
    {
        foreach (string part in RequireParts(datasetId, split))
        {
            foreach (T row in await ParquetRowFile.ReadAsync<T>(part, cancellationToken))
            {
                yield return row;
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<IReadOnlyDictionary<string, object?>> ReadRecordsAsync(string datasetId, string split,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (string part in RequireParts(datasetId, split))
        {
            foreach (IReadOnlyDictionary<string, object?> record in await ParquetRowFile.ReadRecordsAsync(part, cancellationToken))
            {
                yield return record;
            }
        }
    }

    /// <inheritdoc />
    public async Task WriteAsync<T>(string datasetId, string split, IEnumerable<T> rows, DatasetProvenance provenance,
        CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(provenance);
        ValidateForWrite(datasetId, split);
        List<T> materialised = rows.ToList();
        string stagingPath = Path.Combine(_layout.DatasetPath(datasetId), $".{split}.staging-{Guid.NewGuid():N}");
        await ParquetRowFile.WriteAtomicallyAsync(Path.Combine(stagingPath, DatasetLayout.PartFileName(0)), materialised, cancellationToken);
        _layout.ReplaceSplitFolder(datasetId, split, stagingPath);
        await Catalog.RecordAsync(datasetId, split, provenance, materialised.Count, appended: false, cancellationToken);
    }

    /// <summary>
    /// Replaces a split with copies of existing Parquet files (e.g. downloaded from the Hub), one part each, in order.
    /// Every file must be readable Parquet; the split changes only once all are copied.
    /// </summary>
    public async Task WritePartFilesAsync(string datasetId, string split, IReadOnlyList<string> parquetFiles, DatasetProvenance provenance,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parquetFiles);
        ArgumentNullException.ThrowIfNull(provenance);
        ValidateForWrite(datasetId, split);
        if (parquetFiles.Count == 0)
        {
            throw new ArgumentException($"No Parquet files given for split '{split}' of '{datasetId}'.", nameof(parquetFiles));
        }
        string stagingPath = Path.Combine(_layout.DatasetPath(datasetId), $".{split}.staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(stagingPath);
        long rowCount = 0;
        for (int index = 0; index < parquetFiles.Count; index++)
        {
            try
            {
                rowCount += await ParquetRowFile.CountRowsAsync(parquetFiles[index], cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or InvalidDataException or NotSupportedException)
            {
                Directory.Delete(stagingPath, recursive: true);
                throw new InvalidDataException($"'{parquetFiles[index]}' is not a readable Parquet file: {exception.Message}", exception);
            }
            File.Copy(parquetFiles[index], Path.Combine(stagingPath, DatasetLayout.PartFileName(index)));
        }
        _layout.ReplaceSplitFolder(datasetId, split, stagingPath);
        await Catalog.RecordAsync(datasetId, split, provenance, rowCount, appended: false, cancellationToken);
    }

    /// <inheritdoc />
    public async Task AppendAsync<T>(string datasetId, string split, IReadOnlyList<T> rows, DatasetProvenance provenance,
        CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(provenance);
        ValidateForWrite(datasetId, split);
        string splitPath = _layout.SplitPath(datasetId, split);
        bool splitExists = DatasetLayout.PartFiles(splitPath).Count > 0;
        if (rows.Count == 0 && splitExists)
        {
            return;
        }
        await AppendPartAsync(splitPath, rows, cancellationToken);
        CatalogEntry? previous = splitExists ? await Catalog.FindAsync(datasetId, split, cancellationToken) : null;
        long rowCount = previous is not null ? previous.RowCount + rows.Count : await ParquetRowFile.CountRowsAsync(DatasetLayout.PartFiles(splitPath), cancellationToken);
        await Catalog.RecordAsync(datasetId, split, provenance, rowCount, appended: splitExists, cancellationToken);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string datasetId, string? split = null, CancellationToken cancellationToken = default)
    {
        DatasetIds.Validate(datasetId);
        if (split is not null)
        {
            DatasetIds.ValidateSplit(split);
        }
        string path = split is null ? _layout.DatasetPath(datasetId) : _layout.SplitPath(datasetId, split);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        string? ownerPath = Path.GetDirectoryName(_layout.DatasetPath(datasetId));
        if (DatasetIds.IsHubId(datasetId) && ownerPath is not null && Directory.Exists(ownerPath) &&
            !Directory.EnumerateFileSystemEntries(ownerPath).Any())
        {
            Directory.Delete(ownerPath);
        }
        await Catalog.RemoveAsync(datasetId, split, cancellationToken);
    }

    private static async Task AppendPartAsync<T>(string splitPath, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class, new()
    {
        (string partPath, string claimPath) = DatasetLayout.ClaimNextPart(splitPath);
        try
        {
            await ParquetRowFile.WriteAtomicallyAsync(partPath, rows, cancellationToken);
        }
        finally
        {
            File.Delete(claimPath);
        }
    }

    private void ValidateForWrite(string datasetId, string split)
    {
        DatasetIds.Validate(datasetId);
        DatasetIds.ValidateSplit(split);
        _layout.EnsureNoNestingConflict(datasetId);
    }

    private IReadOnlyList<string> RequireParts(string datasetId, string split)
    {
        DatasetIds.Validate(datasetId);
        DatasetIds.ValidateSplit(split);
        IReadOnlyList<string> parts = DatasetLayout.PartFiles(_layout.SplitPath(datasetId, split));
        return parts.Count > 0 ? parts : throw _layout.NotFound(datasetId, split);
    }

    private async Task<DatasetInfo> DescribeAsync(string datasetId, CancellationToken cancellationToken)
    {
        var splits = new List<SplitInfo>();
        foreach (string split in _layout.SplitsOf(datasetId))
        {
            string splitPath = _layout.SplitPath(datasetId, split);
            IReadOnlyList<string> parts = DatasetLayout.PartFiles(splitPath);
            var schema = await ParquetRowFile.ReadSchemaAsync(parts[0], cancellationToken);
            CatalogEntry? entry = await Catalog.FindAsync(datasetId, split, cancellationToken);
            splits.Add(new SplitInfo(split, await ParquetRowFile.CountRowsAsync(parts, cancellationToken),
                schema.Fields.Select(field => field.Name).ToList(), entry?.ToProvenance()));
        }
        return new DatasetInfo(datasetId, splits);
    }
}
