using Parquet.Utils;
using Understudy.Core.Datasets;
using Understudy.Core.Datasets.Storage;

namespace Understudy.Core.Hub;

/// <summary>
/// Moves datasets between the local store and the Hugging Face Hub. Pull downloads a revision's Parquet files (or the
/// Hub's Parquet conversion when the repository has none) into the Hub cache, then installs each split in the store;
/// files already in the cache are not downloaded again, so an interrupted pull resumes. Push uploads each split as
/// <c>data/&lt;split&gt;-00000-of-00001.parquet</c>, the layout the <c>datasets</c> library reads, in one commit.
/// </summary>
public sealed class HubDatasetTransfer(HubClient hub, ParquetDatasetStore store)
{
    private readonly HubClient _hub = hub ?? throw new ArgumentNullException(nameof(hub));
    private readonly ParquetDatasetStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Pulls <paramref name="repoId"/> into the store as <paramref name="localId"/> (default: the same id).</summary>
    public async Task<HubPullReport> PullAsync(string repoId, string? localId = null, string revision = "main", string? config = null,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        localId ??= repoId;
        DatasetIds.Validate(localId);
        List<RemoteParquetFile> remote = await FindParquetFilesAsync(repoId, revision, config, cancellationToken);
        string blobs = Path.Combine(_hub.Options.CacheDirectory, "datasets--" + repoId.Replace("/", "--", StringComparison.Ordinal), "blobs");
        int downloaded = 0;
        var splits = new List<(string Split, long Rows)>();
        foreach (var split in remote.GroupBy(file => file.Split))
        {
            var localFiles = new List<string>();
            foreach (RemoteParquetFile file in split)
            {
                string blob = Path.Combine(blobs, file.Sha256 ?? "url-" + RowId.FromContent(file.Url.ToString()));
                if (!File.Exists(blob))
                {
                    progress?.Report($"downloading {file.Name}");
                    await _hub.DownloadAsync(file.Url, blob, file.Sha256, cancellationToken);
                    downloaded++;
                }
                localFiles.Add(blob);
            }
            var provenance = new DatasetProvenance("pull", "", [$"hf://datasets/{repoId}@{revision}"]);
            await _store.WritePartFilesAsync(localId, split.Key, localFiles, provenance, cancellationToken);
            DatasetInfo? info = await _store.GetAsync(localId, cancellationToken);
            splits.Add((split.Key, info?.Splits.FirstOrDefault(s => s.Name == split.Key)?.RowCount ?? 0));
        }
        return new HubPullReport(repoId, localId, revision, remote.Count, downloaded, splits);
    }

    /// <summary>Pushes every split of <paramref name="localId"/> to <paramref name="repoId"/>, creating the repository if needed.</summary>
    public async Task<HubCommitResult> PushAsync(string localId, string repoId, bool isPrivate = false, string revision = "main",
        CancellationToken cancellationToken = default)
    {
        DatasetInfo info = await _store.GetAsync(localId, cancellationToken)
            ?? throw new DatasetNotFoundException($"Dataset '{localId}' is not in the store '{_store.RootPath}'; nothing to push.");
        await _hub.CreateDatasetRepositoryAsync(repoId, isPrivate, cancellationToken);
        string staging = Path.Combine(Path.GetTempPath(), "understudy-push-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            var uploads = new List<HubUpload>();
            foreach (SplitInfo split in info.Splits)
            {
                string merged = Path.Combine(staging, split.Name + ".parquet");
                await MergePartsAsync(_store.GetPartFiles(localId, split.Name), merged, cancellationToken);
                uploads.Add(new HubUpload(merged, $"data/{split.Name}-00000-of-00001.parquet"));
            }
            IReadOnlyList<string> stale = await StaleDataFilesAsync(repoId, revision, uploads, info, cancellationToken);
            string summary = $"Upload {localId} ({string.Join(", ", info.Splits.Select(s => $"{s.Name}: {s.RowCount} rows"))}) with Understudy";
            return await _hub.CommitAsync(repoId, summary, uploads, stale, revision, cancellationToken);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private async Task<List<RemoteParquetFile>> FindParquetFilesAsync(string repoId, string revision, string? config, CancellationToken cancellationToken)
    {
        var files = (await _hub.ListFilesAsync(repoId, revision, cancellationToken))
            .Where(file => file.Path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            .Where(file => config is null || file.Path.StartsWith(config + "/", StringComparison.Ordinal))
            .OrderBy(file => file.Path, StringComparer.Ordinal)
            .Select(file => new RemoteParquetFile(HubSplitNames.FromPath(file.Path), file.Path, _hub.ResolveUrl(repoId, revision, file.Path), file.Lfs?.Oid))
            .ToList();
        if (files.Count > 0)
        {
            return files;
        }
        var conversion = await _hub.ListParquetConversionAsync(repoId, cancellationToken);
        string chosen = config ?? (conversion.ContainsKey("default") ? "default" : conversion.Keys.Count == 1 ? conversion.Keys.First()
            : throw new HubException($"Dataset '{repoId}' has several configs ({string.Join(", ", conversion.Keys)}); choose one with --config."));
        if (!conversion.TryGetValue(chosen, out var splits) || splits.Count == 0)
        {
            throw new HubException($"Dataset '{repoId}' at '{revision}' has no Parquet files and no Parquet conversion for config '{chosen}'.");
        }
        return splits.SelectMany(split => split.Value.Select(url => new RemoteParquetFile(split.Key, $"{chosen}/{split.Key}/{url.Split('/')[^1]}", new Uri(url), null)))
            .ToList();
    }

    private async Task<IReadOnlyList<string>> StaleDataFilesAsync(string repoId, string revision, List<HubUpload> uploads, DatasetInfo info,
        CancellationToken cancellationToken)
    {
        var uploaded = uploads.Select(upload => upload.PathInRepo).ToHashSet(StringComparer.Ordinal);
        var pushedSplits = info.Splits.Select(split => split.Name).ToHashSet(StringComparer.Ordinal);
        var existing = await _hub.ListFilesAsync(repoId, revision, cancellationToken);
        return existing.Select(file => file.Path)
            .Where(path => path.StartsWith("data/", StringComparison.Ordinal) && path.EndsWith(".parquet", StringComparison.Ordinal))
            .Where(path => !uploaded.Contains(path) && pushedSplits.Contains(HubSplitNames.FromPath(path)))
            .ToList();
    }

    private static async Task MergePartsAsync(IReadOnlyList<string> parts, string destination, CancellationToken cancellationToken)
    {
        if (parts.Count == 1)
        {
            File.Copy(parts[0], destination);
            return;
        }
        await using var output = new FileStream(destination, FileMode.CreateNew);
        await using var merger = new FileMerger(parts.Select(part => new FileInfo(part)));
        await merger.MergeFilesAsync(output, cancellationToken: cancellationToken);
    }

    private sealed record RemoteParquetFile(string Split, string Name, Uri Url, string? Sha256);
}
