using Parquet.Serialization;
using Understudy.Core.Datasets;
using Understudy.Core.Datasets.Export;
using Understudy.Core.Datasets.Import;
using Understudy.Core.Datasets.Storage;

namespace Understudy.Core.Tests.Datasets.Export;

public sealed class DatasetExporterTests : IDisposable
{
    private static readonly DatasetProvenance Provenance = DatasetProvenance.Manual("test");
    private readonly ScratchFolder _folder = new();
    private readonly ParquetDatasetStore _store;
    private readonly DatasetExporter _exporter;

    public DatasetExporterTests()
    {
        _store = new ParquetDatasetStore(_folder.Combine("store"));
        _exporter = new DatasetExporter(_store);
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("out.jsonl")]
    [InlineData("out.csv")]
    [InlineData("out.parquet")]
    public async Task Exported_coverage_rows_import_back_with_the_same_ids(string fileName)
    {
        List<CoverageRow> rows = [SampleRows.Coverage(1), SampleRows.Coverage(2, "code")];
        await _store.AppendAsync("cov", "train", rows[..1], Provenance, Ct);
        await _store.AppendAsync("cov", "train", rows[1..], Provenance, Ct);
        string file = _folder.Combine(fileName);

        long exported = await _exporter.ExportAsync("cov", "train", file, cancellationToken: Ct);
        await new DatasetImporter(_store).ImportAsync(file, "again", new ImportOptions { TestSize = 0 }, Ct);

        Assert.Equal(2, exported);
        var reimported = await _store.ReadAsync<CoverageRow>("again", "train", Ct).ToListAsync(Ct);
        Assert.Equivalent(rows, reimported, strict: true);
        Assert.Empty(Directory.GetFiles(_folder.Path, ".*"));
    }

    [Fact]
    public async Task Jsonl_export_keeps_every_column_and_null_scores()
    {
        await _store.WriteAsync("eval", "test", [SampleRows.Evaluation(1)], Provenance, Ct);
        string file = _folder.Combine("eval.jsonl");

        await _exporter.ExportAsync("eval", "test", file, cancellationToken: Ct);

        string line = Assert.Single(await File.ReadAllLinesAsync(file, Ct));
        Assert.Contains("\"similarity_scores\":[90,null]", line);
        Assert.Contains("\"parse_statuses\":[\"ok\",\"failed: no JSON object in the reply\"]", line);
    }

    [Fact]
    public async Task Parquet_export_joins_all_parts_into_one_file()
    {
        for (int i = 0; i < 3; i++)
        {
            await _store.AppendAsync("infer", "test", [SampleRows.Inference(i)], Provenance, Ct);
        }
        string file = _folder.Combine("infer.parquet");

        await _exporter.ExportAsync("infer", "test", file, cancellationToken: Ct);

        var rows = await ParquetSerializer.DeserializeAsync<InferenceRow>(file, cancellationToken: Ct);
        Assert.Equal(["p0", "p1", "p2"], rows.Data.Select(row => row.PromptId));
    }

    [Fact]
    public async Task Exporting_a_missing_split_names_the_existing_ones()
    {
        await _store.WriteAsync("cov", "train", [SampleRows.Coverage(1)], Provenance, Ct);

        var error = await Assert.ThrowsAsync<DatasetNotFoundException>(() =>
            _exporter.ExportAsync("cov", "test", _folder.Combine("x.parquet"), cancellationToken: Ct));

        Assert.Contains("its splits are: train", error.Message);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
