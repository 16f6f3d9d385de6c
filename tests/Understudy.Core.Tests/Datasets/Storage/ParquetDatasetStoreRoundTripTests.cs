using Understudy.Core.Datasets;
using Understudy.Core.Datasets.Storage;

namespace Understudy.Core.Tests.Datasets.Storage;

public sealed class ParquetDatasetStoreRoundTripTests : IDisposable
{
    private static readonly DatasetProvenance Provenance = DatasetProvenance.Manual("test");
    private readonly ScratchFolder _folder = new();
    private readonly ParquetDatasetStore _store;

    public ParquetDatasetStoreRoundTripTests() => _store = new ParquetDatasetStore(_folder.Path);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Coverage_rows_round_trip_with_nested_messages()
    {
        List<CoverageRow> rows = [SampleRows.Coverage(1), SampleRows.Coverage(2, "code")];

        await _store.WriteAsync("coverage", "train", rows, Provenance, TestContext.Current.CancellationToken);

        Assert.Equivalent(rows, await ReadAll<CoverageRow>("coverage", "train"), strict: true);
    }

    [Fact]
    public async Task Inference_rows_round_trip()
    {
        List<InferenceRow> rows = Enumerable.Range(0, 5).Select(SampleRows.Inference).ToList();

        await _store.WriteAsync("infer", "test", rows, Provenance, TestContext.Current.CancellationToken);

        Assert.Equivalent(rows, await ReadAll<InferenceRow>("infer", "test"), strict: true);
    }

    [Fact]
    public async Task Evaluation_rows_round_trip_keeping_null_scores_in_place()
    {
        List<EvaluationRow> rows = [SampleRows.Evaluation(1), SampleRows.Evaluation(2)];

        await _store.WriteAsync("eval", "test", rows, Provenance, TestContext.Current.CancellationToken);

        List<EvaluationRow> read = await ReadAll<EvaluationRow>("eval", "test");
        Assert.Equivalent(rows, read, strict: true);
        Assert.Equal([90, null], read[0].SimilarityScores);
        Assert.Equal([null, 75], read[0].PrecisionScores);
    }

    [Fact]
    public async Task Evaluation_rows_round_trip_with_empty_lists_and_all_null_scores()
    {
        EvaluationRow allFailed = SampleRows.Evaluation(3);
        allFailed.SimilarityScores = [null, null];
        allFailed.PrecisionScores = [];
        List<EvaluationRow> rows = [allFailed, new EvaluationRow { PromptId = "empty" }, SampleRows.Evaluation(4)];

        await _store.WriteAsync("eval", "test", rows, Provenance, TestContext.Current.CancellationToken);

        Assert.Equivalent(rows, await ReadAll<EvaluationRow>("eval", "test"), strict: true);
    }

    [Fact]
    public async Task ReadRecordsAsync_keeps_null_scores_in_place()
    {
        await _store.WriteAsync("eval", "test", [SampleRows.Evaluation(1)], Provenance, TestContext.Current.CancellationToken);

        var record = Assert.Single(await _store.ReadRecordsAsync("eval", "test", TestContext.Current.CancellationToken).ToListAsync());

        Assert.Equal([90, null], Assert.IsType<List<object?>>(record["similarity_scores"]));
    }

    [Fact]
    public async Task Synth_rows_round_trip()
    {
        List<SynthRow> rows = [SampleRows.Synth(1)];

        await _store.WriteAsync("synth", "train", rows, Provenance, TestContext.Current.CancellationToken);

        Assert.Equivalent(rows, await ReadAll<SynthRow>("synth", "train"), strict: true);
    }

    [Fact]
    public async Task Columns_are_the_snake_case_names_of_the_properties()
    {
        await _store.WriteAsync("eval", "test", [SampleRows.Evaluation(1)], Provenance, TestContext.Current.CancellationToken);

        DatasetInfo? info = await _store.GetAsync("eval", TestContext.Current.CancellationToken);

        Assert.NotNull(info);
        SplitInfo split = Assert.Single(info.Splits);
        Assert.Contains("prompt_id", split.Columns);
        Assert.Contains("similarity_scores", split.Columns);
        Assert.Contains("judge_raw_texts", split.Columns);
        Assert.Equal(1, split.RowCount);
    }

    [Fact]
    public async Task ReadRecordsAsync_returns_plain_values_including_nested_messages()
    {
        await _store.WriteAsync("coverage", "train", [SampleRows.Coverage(1)], Provenance, TestContext.Current.CancellationToken);

        var records = await _store.ReadRecordsAsync("coverage", "train", TestContext.Current.CancellationToken).ToListAsync();

        var record = Assert.Single(records);
        Assert.Equal("qa", record["category"]);
        var messages = Assert.IsType<List<object?>>(record["messages"]);
        var first = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(messages[0]);
        Assert.Equal("system", first["role"]);
        Assert.Equal("Be brief.", first["content"]);
    }

    [Fact]
    public async Task WriteAsync_replaces_the_split()
    {
        await _store.WriteAsync("coverage", "train", [SampleRows.Coverage(1), SampleRows.Coverage(2)], Provenance, TestContext.Current.CancellationToken);
        await _store.WriteAsync("coverage", "train", [SampleRows.Coverage(3)], Provenance, TestContext.Current.CancellationToken);

        CoverageRow row = Assert.Single(await ReadAll<CoverageRow>("coverage", "train"));
        Assert.Equal(SampleRows.Coverage(3).PromptId, row.PromptId);
        Assert.Empty(Directory.GetDirectories(_folder.Combine("coverage"), ".*"));
    }

    [Fact]
    public async Task WriteAsync_of_no_rows_creates_an_empty_split()
    {
        await _store.WriteAsync("empty", "train", Array.Empty<CoverageRow>(), Provenance, TestContext.Current.CancellationToken);

        Assert.Empty(await ReadAll<CoverageRow>("empty", "train"));
        DatasetInfo? info = await _store.GetAsync("empty", TestContext.Current.CancellationToken);
        Assert.Equal(0, Assert.Single(info!.Splits).RowCount);
    }

    private Task<List<T>> ReadAll<T>(string id, string split)
        where T : class, new() =>
        _store.ReadAsync<T>(id, split, TestContext.Current.CancellationToken).ToListAsync().AsTask();
}
