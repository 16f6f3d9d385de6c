using Understudy.Core.Datasets;
using Understudy.Core.Datasets.Storage;

namespace Understudy.Core.Tests.Datasets.Storage;

public sealed class ParquetDatasetStoreAppendTests : IDisposable
{
    private static readonly DatasetProvenance Provenance = new("batch-infer", "cfg-1", ["coverage:test"]);
    private readonly ScratchFolder _folder = new();
    private readonly ParquetDatasetStore _store;

    public ParquetDatasetStoreAppendTests() => _store = new ParquetDatasetStore(_folder.Path);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AppendAsync_writes_one_part_per_batch_and_reads_back_in_write_order()
    {
        for (int batch = 0; batch < 3; batch++)
        {
            var rows = Enumerable.Range(batch * 4, 4).Select(SampleRows.Inference).ToList();
            await _store.AppendAsync("infer", "test", rows, Provenance, TestContext.Current.CancellationToken);
        }

        var read = await _store.ReadAsync<InferenceRow>("infer", "test", TestContext.Current.CancellationToken).ToListAsync();

        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"p{i}"), read.Select(row => row.PromptId));
        Assert.Equal(3, _store.GetPartFiles("infer", "test").Count);
        Assert.Equal(12, Assert.Single((await _store.GetAsync("infer", TestContext.Current.CancellationToken))!.Splits).RowCount);
    }

    [Fact]
    public async Task A_temp_file_claim_or_staging_folder_left_by_a_crash_is_ignored_and_does_not_block_the_next_part()
    {
        await _store.AppendAsync("infer", "test", [SampleRows.Inference(0)], Provenance, TestContext.Current.CancellationToken);
        string splitPath = _folder.Combine("infer", "test");
        await File.WriteAllTextAsync(Path.Combine(splitPath, ".part-00001.parquet.tmp-deadbeef"), "half a parquet file", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(splitPath, ".part-00001.parquet.claim"), "", TestContext.Current.CancellationToken);
        Directory.CreateDirectory(_folder.Combine("infer", ".test.staging-deadbeef"));

        await _store.AppendAsync("infer", "test", [SampleRows.Inference(1)], Provenance, TestContext.Current.CancellationToken);

        var read = await _store.ReadAsync<InferenceRow>("infer", "test", TestContext.Current.CancellationToken).ToListAsync();
        Assert.Equal(["p0", "p1"], read.Select(row => row.PromptId));
        Assert.Equal(["test"], (await _store.GetAsync("infer", TestContext.Current.CancellationToken))!.Splits.Select(s => s.Name));
    }

    [Fact]
    public async Task Concurrent_appends_never_overwrite_each_other()
    {
        var writers = Enumerable.Range(0, 16).Select(i =>
            _store.AppendAsync("infer", "test", [SampleRows.Inference(i)], Provenance, TestContext.Current.CancellationToken));

        await Task.WhenAll(writers);

        var read = await _store.ReadAsync<InferenceRow>("infer", "test", TestContext.Current.CancellationToken).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 16).Select(i => $"p{i}").Order(), read.Select(row => row.PromptId).Order());
        Assert.Equal(16, Assert.Single((await _store.GetAsync("infer", TestContext.Current.CancellationToken))!.Splits).RowCount);
    }

    [Fact]
    public async Task Catalog_records_command_config_hash_inputs_and_row_count_and_keeps_the_first_write_time()
    {
        await _store.AppendAsync("infer", "test", [SampleRows.Inference(0)], Provenance, TestContext.Current.CancellationToken);
        var first = await _store.Catalog.FindAsync("infer", "test", TestContext.Current.CancellationToken);
        await _store.AppendAsync("infer", "test", [SampleRows.Inference(1), SampleRows.Inference(2)], Provenance with { }, TestContext.Current.CancellationToken);

        var entry = await _store.Catalog.FindAsync("infer", "test", TestContext.Current.CancellationToken);

        Assert.NotNull(entry);
        Assert.Equal("batch-infer", entry.Command);
        Assert.Equal("cfg-1", entry.ConfigHash);
        Assert.Equal(["coverage:test"], entry.Inputs);
        Assert.Equal(3, entry.RowCount);
        Assert.Equal(first!.CreatedAt, entry.CreatedAt);
        var info = await _store.GetAsync("infer", TestContext.Current.CancellationToken);
        Assert.Equal("batch-infer", Assert.Single(info!.Splits).Provenance?.Command);
    }

    [Fact]
    public async Task ReadAsync_of_a_missing_split_names_the_existing_splits()
    {
        await _store.AppendAsync("infer", "test", [SampleRows.Inference(0)], Provenance, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<DatasetNotFoundException>(async () =>
            await _store.ReadAsync<InferenceRow>("infer", "train", TestContext.Current.CancellationToken).ToListAsync());

        Assert.Contains("no split 'train'", error.Message);
        Assert.Contains("test", error.Message);
    }

    [Fact]
    public async Task ReadAsync_of_a_missing_hub_dataset_names_the_store_contents_and_suggests_pull()
    {
        await _store.AppendAsync("local", "train", [SampleRows.Coverage(0)], Provenance, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<DatasetNotFoundException>(async () =>
            await _store.ReadAsync<CoverageRow>("owner/missing", "train", TestContext.Current.CancellationToken).ToListAsync());

        Assert.Contains("local", error.Message);
        Assert.Contains("datasets pull owner/missing", error.Message);
    }

    [Fact]
    public async Task Owner_slash_name_ids_live_in_nested_folders_and_are_listed()
    {
        await _store.WriteAsync("acme/support", "train", [SampleRows.Coverage(0)], Provenance, TestContext.Current.CancellationToken);
        await _store.WriteAsync("plain", "test", [SampleRows.Coverage(1)], Provenance, TestContext.Current.CancellationToken);

        var ids = (await _store.ListAsync(TestContext.Current.CancellationToken)).Select(info => info.Id);

        Assert.Equal(["acme/support", "plain"], ids);
        Assert.True(File.Exists(_folder.Combine("acme", "support", "train", "part-00000.parquet")));
    }

    [Fact]
    public async Task An_id_whose_folder_would_overlap_another_dataset_is_refused()
    {
        await _store.WriteAsync("acme", "support", [SampleRows.Coverage(0)], Provenance, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _store.WriteAsync("acme/support", "train", [SampleRows.Coverage(1)], Provenance, TestContext.Current.CancellationToken));

        Assert.Contains("clashes with the existing dataset 'acme'", error.Message);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b/c")]
    [InlineData(".hidden")]
    [InlineData("")]
    public async Task Invalid_ids_are_refused_with_the_rule(string datasetId)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            _store.WriteAsync(datasetId, "train", [SampleRows.Coverage(0)], Provenance, TestContext.Current.CancellationToken));

        Assert.Contains("'owner/name'", error.Message);
    }

    [Fact]
    public async Task DeleteAsync_removes_a_split_then_the_dataset_and_its_catalog_entries()
    {
        await _store.WriteAsync("acme/support", "train", [SampleRows.Coverage(0)], Provenance, TestContext.Current.CancellationToken);
        await _store.WriteAsync("acme/support", "test", [SampleRows.Coverage(1)], Provenance, TestContext.Current.CancellationToken);

        await _store.DeleteAsync("acme/support", "test", TestContext.Current.CancellationToken);
        Assert.Equal(["train"], (await _store.GetAsync("acme/support", TestContext.Current.CancellationToken))!.Splits.Select(s => s.Name));

        await _store.DeleteAsync("acme/support", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Null(await _store.GetAsync("acme/support", TestContext.Current.CancellationToken));
        Assert.False(Directory.Exists(_folder.Combine("acme")));
        Assert.Empty(await _store.Catalog.ReadAllAsync(TestContext.Current.CancellationToken));
    }
}
