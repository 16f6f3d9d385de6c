using Parquet.Serialization;
using Understudy.Core.Datasets;
using Understudy.Core.Datasets.Storage;
using Understudy.Core.Hub;
using Understudy.Core.Tests.Datasets;

namespace Understudy.Core.Tests.Hub;

public sealed class HubDatasetTransferTests : IAsyncLifetime
{
    private readonly ScratchFolder _folder = new();
    private readonly HttpClient _http = new();
    private HubFixtureServer _hub = null!;
    private ParquetDatasetStore _store = null!;

    public async ValueTask InitializeAsync()
    {
        _hub = await HubFixtureServer.StartAsync();
        _store = new ParquetDatasetStore(_folder.Combine("store"));
    }

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        _http.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Pull_installs_each_split_and_never_sends_the_token_to_the_storage_redirect()
    {
        FixtureRepo repo = _hub.AddRepo("acme/support");
        repo.Files["data/train-00000-of-00001.parquet"] = await ParquetBytes(SampleRows.Coverage(1), SampleRows.Coverage(2));
        repo.Files["data/test-00000-of-00001.parquet"] = await ParquetBytes(SampleRows.Coverage(3));

        HubPullReport report = await Transfer().PullAsync("acme/support", cancellationToken: Ct);

        Assert.Equal(2, report.FilesDownloaded);
        Assert.Equal([("test", 1L), ("train", 2L)], report.Splits.OrderBy(s => s.Split));
        var train = await _store.ReadAsync<CoverageRow>("acme/support", "train", Ct).ToListAsync(Ct);
        Assert.Equivalent(new[] { SampleRows.Coverage(1), SampleRows.Coverage(2) }, train, strict: true);
        Assert.Equal("pull", (await _store.Catalog.FindAsync("acme/support", "train", Ct))?.Command);
        Assert.Contains(_hub.Requests, r => r.StartsWith("GET /api/datasets/acme/support/tree/main [auth]", StringComparison.Ordinal));
        Assert.All(_hub.Requests.Where(r => r.StartsWith("GET /cdn/", StringComparison.Ordinal)), r => Assert.DoesNotContain("[auth]", r));
    }

    [Fact]
    public async Task A_second_pull_takes_files_from_the_cache()
    {
        _hub.AddRepo("acme/support").Files["data/train-00000-of-00001.parquet"] = await ParquetBytes(SampleRows.Coverage(1));
        await Transfer().PullAsync("acme/support", cancellationToken: Ct);

        HubPullReport again = await Transfer().PullAsync("acme/support", "copy", cancellationToken: Ct);

        Assert.Equal(0, again.FilesDownloaded);
        Assert.Single(await _store.ReadAsync<CoverageRow>("copy", "train", Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task An_interrupted_download_resumes_with_a_range_request()
    {
        byte[] content = await ParquetBytes(SampleRows.Coverage(1), SampleRows.Coverage(2));
        _hub.AddRepo("acme/support").Files["train.parquet"] = content;
        string blob = Path.Combine(Options().CacheDirectory, "datasets--acme--support", "blobs", HubFixtureServer.Sha256(content));
        Directory.CreateDirectory(Path.GetDirectoryName(blob)!);
        await File.WriteAllBytesAsync(blob + ".incomplete", content[..100], Ct);

        await Transfer().PullAsync("acme/support", cancellationToken: Ct);

        Assert.Equal(content, await File.ReadAllBytesAsync(blob, Ct));
        Assert.Equal(2, await _store.ReadAsync<CoverageRow>("acme/support", "train", Ct).CountAsync(Ct));
    }

    [Fact]
    public async Task Pull_follows_tree_pages()
    {
        FixtureRepo repo = _hub.AddRepo("acme/paged");
        repo.Files["data/train-00000-of-00002.parquet"] = await ParquetBytes(SampleRows.Coverage(1));
        repo.Files["data/train-00001-of-00002.parquet"] = await ParquetBytes(SampleRows.Coverage(2));
        _hub.TreePageSize = 1;

        HubPullReport report = await Transfer().PullAsync("acme/paged", cancellationToken: Ct);

        Assert.Equal(2, report.FilesFound);
        Assert.Equal(2, await _store.ReadAsync<CoverageRow>("acme/paged", "train", Ct).CountAsync(Ct));
    }

    [Fact]
    public async Task Pull_uses_the_hub_parquet_conversion_when_the_repo_has_no_parquet_files()
    {
        FixtureRepo repo = _hub.AddRepo("acme/jsonl");
        repo.Files["data.jsonl"] = "{}"u8.ToArray();
        repo.Conversion["default"] = new() { ["train"] = new() { ["0.parquet"] = await ParquetBytes(SampleRows.Coverage(1)) } };

        HubPullReport report = await Transfer().PullAsync("acme/jsonl", "converted", cancellationToken: Ct);

        Assert.Equal([("train", 1L)], report.Splits);
    }

    [Fact]
    public async Task Pull_of_a_private_repo_without_a_token_says_to_set_HF_TOKEN()
    {
        _hub.AddRepo("acme/secret", isPrivate: true).Files["train.parquet"] = await ParquetBytes(SampleRows.Coverage(1));

        var error = await Assert.ThrowsAsync<HubAuthenticationException>(() =>
            Transfer(Options() with { Token = null }).PullAsync("acme/secret", cancellationToken: Ct));

        Assert.Contains("401", error.Message);
        Assert.Contains("set HF_TOKEN", error.Message);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_and_never_appears_in_the_message()
    {
        _hub.AddRepo("acme/secret", isPrivate: true);

        var error = await Assert.ThrowsAsync<HubAuthenticationException>(() =>
            Transfer(Options() with { Token = "hf_wrong_token_123" }).PullAsync("acme/secret", cancellationToken: Ct));

        Assert.Contains("Invalid credentials", error.Message);
        Assert.DoesNotContain("hf_wrong_token_123", error.ToString());
    }

    [Fact]
    public async Task Pull_of_a_missing_repo_is_not_found()
    {
        var error = await Assert.ThrowsAsync<HubNotFoundException>(() => Transfer().PullAsync("acme/nothing", cancellationToken: Ct));

        Assert.Contains("dataset 'acme/nothing'", error.Message);
        Assert.Contains("Repository not found", error.Message);
    }

    [Fact]
    public async Task Push_creates_the_repo_uploads_every_split_through_lfs_and_pulls_back_identically()
    {
        List<EvaluationRow> rows = [SampleRows.Evaluation(1), SampleRows.Evaluation(2)];
        await _store.AppendAsync("eval", "test", rows[..1], DatasetProvenance.Manual("t"), Ct);
        await _store.AppendAsync("eval", "test", rows[1..], DatasetProvenance.Manual("t"), Ct);
        await _store.WriteAsync("eval", "train", [SampleRows.Evaluation(3)], DatasetProvenance.Manual("t"), Ct);

        HubCommitResult commit = await Transfer().PushAsync("eval", "me/eval", cancellationToken: Ct);
        await Transfer().PullAsync("me/eval", "eval-back", cancellationToken: Ct);

        Assert.NotEqual("", commit.CommitOid);
        Assert.Equal([".gitattributes", "data/test-00000-of-00001.parquet", "data/train-00000-of-00001.parquet"], _hub.Repos["me/eval"].Files.Keys.Order());
        Assert.Contains(_hub.Requests, r => r.StartsWith("PUT /lfs-upload/", StringComparison.Ordinal));
        Assert.Equivalent(rows, await _store.ReadAsync<EvaluationRow>("eval-back", "test", Ct).ToListAsync(Ct), strict: true);
    }

    [Fact]
    public async Task Push_uses_multipart_uploads_when_the_hub_asks_and_removes_stale_shards()
    {
        _hub.MultipartChunkSize = 256;
        _hub.AddRepo("me/cov").Files["data/train-00001-of-00002.parquet"] = await ParquetBytes(SampleRows.Coverage(9));
        await _store.WriteAsync("cov", "train", [SampleRows.Coverage(1), SampleRows.Coverage(2)], DatasetProvenance.Manual("t"), Ct);

        await Transfer().PushAsync("cov", "me/cov", cancellationToken: Ct);

        Assert.Equal([".gitattributes", "data/train-00000-of-00001.parquet"], _hub.Repos["me/cov"].Files.Keys.Order());
        Assert.Contains(_hub.Requests, r => r.StartsWith("PUT /lfs-part/", StringComparison.Ordinal));
        Assert.Contains(_hub.Requests, r => r.StartsWith("POST /lfs-complete/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Push_without_a_token_is_refused_before_anything_is_written()
    {
        await _store.WriteAsync("cov", "train", [SampleRows.Coverage(1)], DatasetProvenance.Manual("t"), Ct);

        var error = await Assert.ThrowsAsync<HubAuthenticationException>(() =>
            Transfer(Options() with { Token = null }).PushAsync("cov", "me/cov", cancellationToken: Ct));

        Assert.Contains("create the dataset repository 'me/cov'", error.Message);
        Assert.False(_hub.Repos.ContainsKey("me/cov"));
    }

    [Fact]
    public async Task Small_text_files_are_committed_inline()
    {
        _hub.AddRepo("me/docs");
        string readme = _folder.Combine("README.md");
        await File.WriteAllTextAsync(readme, "# card", Ct);

        await new HubClient(_http, Options()).CommitAsync("me/docs", "Add card", [new HubUpload(readme, "README.md")], cancellationToken: Ct);

        Assert.Equal("# card"u8.ToArray(), _hub.Repos["me/docs"].Files["README.md"]);
        Assert.DoesNotContain(_hub.Requests, r => r.Contains("lfs", StringComparison.Ordinal));
        Assert.Equal(["Add card"], _hub.Repos["me/docs"].CommitSummaries);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HubOptions Options() => new()
    {
        Endpoint = _hub.Endpoint,
        Token = HubFixtureServer.Token,
        CacheDirectory = _folder.Combine("hf-cache"),
    };

    private HubDatasetTransfer Transfer(HubOptions? options = null) => new(new HubClient(_http, options ?? Options()), _store);

    private static async Task<byte[]> ParquetBytes(params CoverageRow[] rows)
    {
        using var memory = new MemoryStream();
        await ParquetSerializer.SerializeAsync(rows, memory, cancellationToken: Ct);
        return memory.ToArray();
    }
}
