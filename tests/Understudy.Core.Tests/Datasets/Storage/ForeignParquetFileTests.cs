using Parquet.Schema;
using Parquet.Serialization;
using Understudy.Core.Datasets;
using Understudy.Core.Datasets.Storage;

namespace Understudy.Core.Tests.Datasets.Storage;

/// <summary>Files written by other tools (Hugging Face <c>datasets</c>, pandas) with their own column sets and types.</summary>
public sealed class ForeignParquetFileTests : IDisposable
{
    private readonly ScratchFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Typed_rows_load_from_a_file_with_extra_and_missing_columns_and_int64_numbers()
    {
        var schema = new ParquetSchema(
            new DataField<string>("prompt_id"),
            new DataField<long>("repeat_index"),
            new DataField<string>("candidate_responses"),
            new DataField<string>("source_url"));
        var records = new List<IDictionary<string, object?>>
        {
            new Dictionary<string, object?> { ["prompt_id"] = "a", ["repeat_index"] = 2L, ["candidate_responses"] = "x", ["source_url"] = "u" },
        };
        await WritePartAsync("foreign", "train", schema, records);
        var store = new ParquetDatasetStore(_folder.Path);

        InferenceRow row = Assert.Single(await store.ReadAsync<InferenceRow>("foreign", "train", TestContext.Current.CancellationToken).ToListAsync());

        Assert.Equal("a", row.PromptId);
        Assert.Equal(2, row.RepeatIndex);
        Assert.Equal("x", row.CandidateResponses);
        Assert.Equal("", row.ModelId);
        var record = Assert.Single(await store.ReadRecordsAsync("foreign", "train", TestContext.Current.CancellationToken).ToListAsync());
        Assert.Equal("u", record["source_url"]);
    }

    [Fact]
    public async Task Typed_rows_load_from_a_file_where_strings_are_null()
    {
        var schema = new ParquetSchema(new DataField<string>("prompt_id"), new DataField<string>("prompt"), new DataField<string>("category"));
        var records = new List<IDictionary<string, object?>>
        {
            new Dictionary<string, object?> { ["prompt_id"] = "a", ["prompt"] = null, ["category"] = null },
        };
        await WritePartAsync("nulls", "train", schema, records);
        var store = new ParquetDatasetStore(_folder.Path);

        CoverageRow row = Assert.Single(await store.ReadAsync<CoverageRow>("nulls", "train", TestContext.Current.CancellationToken).ToListAsync());

        Assert.Equal("", row.Prompt);
        Assert.Equal("", row.Category);
        Assert.Empty(row.Messages);
    }

    [Fact]
    public async Task Null_elements_of_string_and_number_lists_stay_in_place()
    {
        string directory = _folder.Combine("lists", "train");
        Directory.CreateDirectory(directory);
        TaggedRecord[] rows = [new() { Tags = ["a", null, "b"], Scores = [null, 2.5] }, new() { Tags = [], Scores = [] }, new() { Tags = [null], Scores = [1] }];
        await ParquetSerializer.SerializeAsync(rows, Path.Combine(directory, "part-00000.parquet"), cancellationToken: TestContext.Current.CancellationToken);
        var store = new ParquetDatasetStore(_folder.Path);

        var records = await store.ReadRecordsAsync("lists", "train", TestContext.Current.CancellationToken).ToListAsync();

        Assert.Equal(["a", null, "b"], Assert.IsType<List<object?>>(records[0]["tags"]));
        Assert.Equal([null, 2.5], Assert.IsType<List<object?>>(records[0]["scores"]));
        Assert.Empty(Assert.IsType<List<object?>>(records[1]["tags"]));
        Assert.Equal([null], Assert.IsType<List<object?>>(records[2]["tags"]));
    }

    private async Task WritePartAsync(string id, string split, ParquetSchema schema, IReadOnlyCollection<IDictionary<string, object?>> records)
    {
        string directory = _folder.Combine(id, split);
        Directory.CreateDirectory(directory);
        await using var stream = File.Create(Path.Combine(directory, "part-00000.parquet"));
        await ParquetSerializer.SerializeUntypedAsync(records, schema, stream, cancellationToken: TestContext.Current.CancellationToken);
    }

    public sealed class TaggedRecord
    {
        [System.Text.Json.Serialization.JsonPropertyName("tags")]
        public List<string?> Tags { get; set; } = [];

        [System.Text.Json.Serialization.JsonPropertyName("scores")]
        public List<double?> Scores { get; set; } = [];
    }
}
