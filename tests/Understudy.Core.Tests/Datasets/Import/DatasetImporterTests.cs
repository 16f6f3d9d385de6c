using Parquet.Serialization;
using Understudy.Core.Datasets;
using Understudy.Core.Datasets.Import;
using Understudy.Core.Datasets.Storage;

namespace Understudy.Core.Tests.Datasets.Import;

public sealed class DatasetImporterTests : IDisposable
{
    private readonly ScratchFolder _folder = new();
    private readonly ParquetDatasetStore _store;
    private readonly DatasetImporter _importer;

    public DatasetImporterTests()
    {
        _store = new ParquetDatasetStore(_folder.Combine("store"));
        _importer = new DatasetImporter(_store);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Jsonl_pairs_become_coverage_rows_with_content_hash_ids()
    {
        string file = Write("pairs.jsonl", """
            {"prompt": "What is 2+2?", "response": "4", "category": "math"}

            {"question": "Capital of France?", "answer": "Paris"}
            """);

        ImportReport report = await _importer.ImportAsync(file, "cov", new ImportOptions { TestSize = 0 }, Ct);

        Assert.Equal(2, report.RowsRead);
        Assert.Equal(2, report.TrainRows);
        var rows = await Read("cov", "train");
        Assert.Equal("What is 2+2?", rows[0].Prompt);
        Assert.Equal(["user", "assistant"], rows[0].Messages.Select(m => m.Role));
        Assert.Equal("math", rows[0].Category);
        Assert.Equal(RowId.FromMessages(rows[1].Messages), rows[1].PromptId);
        Assert.Equal("Paris", rows[1].Messages[^1].Content);
    }

    [Fact]
    public async Task Alpaca_instruction_is_joined_with_its_input_and_a_system_column_becomes_the_system_turn()
    {
        string file = Write("alpaca.jsonl", """
            {"instruction": "Translate", "input": "bonjour", "output": "hello", "system": "You translate."}
            """);

        await _importer.ImportAsync(file, "alpaca", new ImportOptions { TestSize = 0 }, Ct);

        CoverageRow row = Assert.Single(await Read("alpaca", "train"));
        Assert.Equal("Translate\n\nbonjour", row.Prompt);
        Assert.Equal(["system", "user", "assistant"], row.Messages.Select(m => m.Role));
    }

    [Fact]
    public async Task Chat_messages_and_sharegpt_conversations_are_imported_as_chats()
    {
        string file = Write("chats.jsonl", """
            {"messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}
            {"conversations": [{"from": "human", "value": "q"}, {"from": "gpt", "value": "a"}], "category": "chat"}
            """);

        await _importer.ImportAsync(file, "chats", new ImportOptions { TestSize = 0 }, Ct);

        var rows = await Read("chats", "train");
        Assert.Equal("hi", rows[0].Prompt);
        Assert.Equal(3, rows[0].Messages.Count);
        Assert.Equal(["user", "assistant"], rows[1].Messages.Select(m => m.Role));
        Assert.Equal("chat", rows[1].Category);
    }

    [Fact]
    public async Task Csv_with_quoted_newlines_and_json_messages_is_imported()
    {
        string file = Write("pairs.csv", "instruction,output\n\"Write a\nhaiku\",\"Leaves fall, \"\"soft\"\"\"\nsecond,answer\n");

        await _importer.ImportAsync(file, "csv", new ImportOptions { TestSize = 0 }, Ct);

        var rows = await Read("csv", "train");
        Assert.Equal("Write a\nhaiku", rows[0].Prompt);
        Assert.Equal("Leaves fall, \"soft\"", rows[0].Messages[^1].Content);
        Assert.Equal("second", rows[1].Prompt);
    }

    [Fact]
    public async Task Parquet_files_with_explicit_column_mapping_are_imported()
    {
        string file = _folder.Combine("qa.parquet");
        await ParquetSerializer.SerializeAsync(new[] { new QaRecord { Q = "q1", A = "a1" }, new QaRecord { Q = "q2", A = "a2" } }, file, cancellationToken: Ct);

        await _importer.ImportAsync(file, "pq", new ImportOptions { TestSize = 0, PromptColumn = "Q", ResponseColumn = "A" }, Ct);

        Assert.Equal(["q1", "q2"], (await Read("pq", "train")).Select(r => r.Prompt));
    }

    [Fact]
    public async Task Exact_duplicates_are_dropped_and_counted()
    {
        string file = Write("dups.jsonl", """
            {"prompt": "p", "response": "r"}
            {"prompt": "p ", "response": "r"}
            {"prompt": "p", "response": "other"}
            """);

        ImportReport report = await _importer.ImportAsync(file, "dups", new ImportOptions { TestSize = 0 }, Ct);

        Assert.Equal(1, report.Duplicates);
        Assert.Equal(2, report.Imported);
    }

    [Fact]
    public async Task Invalid_json_stops_the_import_naming_file_and_line()
    {
        string file = Write("bad.jsonl", "{\"prompt\": \"p\", \"response\": \"r\"}\n{not json}\n");

        var error = await Assert.ThrowsAsync<DatasetImportException>(() => _importer.ImportAsync(file, "bad", new ImportOptions(), Ct));

        Assert.StartsWith("bad.jsonl line 2: invalid JSON", error.Message);
        Assert.Contains("--skip-invalid", error.Message);
        Assert.Null(await _store.GetAsync("bad", Ct));
    }

    [Fact]
    public async Task A_row_without_a_response_column_names_the_accepted_columns_and_what_it_has()
    {
        string file = Write("noresp.csv", "prompt,reply\nhi,there\n");

        var error = await Assert.ThrowsAsync<DatasetImportException>(() => _importer.ImportAsync(file, "x", new ImportOptions(), Ct));

        Assert.Contains("noresp.csv line 2: no response", error.Message);
        Assert.Contains("response, output, answer, completion", error.Message);
        Assert.Contains("columns: prompt, reply", error.Message);
        Assert.Contains("--response-column", error.Message);
    }

    [Fact]
    public async Task A_chat_that_does_not_end_with_the_assistant_is_invalid()
    {
        string file = Write("chat.jsonl", """{"messages": [{"role": "user", "content": "hi"}]}""");

        var error = await Assert.ThrowsAsync<DatasetImportException>(() => _importer.ImportAsync(file, "x", new ImportOptions(), Ct));

        Assert.Contains("line 1: 'messages' must end with the assistant's reference answer", error.Message);
    }

    [Fact]
    public async Task Skip_invalid_counts_and_reports_bad_rows_and_imports_the_rest()
    {
        string file = Write("mixed.jsonl", """
            {"prompt": "a", "response": "1"}
            [1, 2]
            {"prompt": "", "response": "2"}
            {"prompt": "c", "response": "3"}
            """);

        ImportReport report = await _importer.ImportAsync(file, "mixed", new ImportOptions { TestSize = 0, SkipInvalid = true }, Ct);

        Assert.Equal(2, report.Invalid);
        Assert.Equal(2, report.Imported);
        Assert.Equal(["mixed.jsonl line 2: expected a JSON object, found Array", "mixed.jsonl line 3: the prompt ('prompt') is empty"], report.Problems);
    }

    [Fact]
    public async Task The_split_is_reproducible_for_a_seed_and_independent_of_row_order()
    {
        var lines = Enumerable.Range(0, 50).Select(i => $$"""{"prompt": "q{{i}}", "response": "a{{i}}"}""").ToList();
        string forward = Write("forward.jsonl", string.Join("\n", lines));
        lines.Reverse();
        string backward = Write("backward.jsonl", string.Join("\n", lines));

        ImportReport report = await _importer.ImportAsync(forward, "one", new ImportOptions { TestSize = 0.2, Seed = 7 }, Ct);
        await _importer.ImportAsync(backward, "two", new ImportOptions { TestSize = 0.2, Seed = 7 }, Ct);
        await _importer.ImportAsync(forward, "other-seed", new ImportOptions { TestSize = 0.2, Seed = 8 }, Ct);

        Assert.Equal((40, 10), (report.TrainRows, report.TestRows));
        var testIds = (await Read("one", "test")).Select(r => r.PromptId).Order().ToList();
        Assert.Equal(testIds, (await Read("two", "test")).Select(r => r.PromptId).Order());
        Assert.NotEqual(testIds, (await Read("other-seed", "test")).Select(r => r.PromptId).Order());
    }

    [Fact]
    public async Task Import_records_its_source_in_the_catalog()
    {
        string file = Write("one.jsonl", """{"prompt": "a", "response": "1"}""");

        await _importer.ImportAsync(file, "cat", new ImportOptions { TestSize = 0 }, Ct);

        var entry = await _store.Catalog.FindAsync("cat", "train", Ct);
        Assert.Equal("import", entry?.Command);
        Assert.Equal([Path.GetFullPath(file)], entry?.Inputs);
        Assert.NotEqual("", entry?.ConfigHash);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Write(string name, string content)
    {
        string path = _folder.Combine(name);
        File.WriteAllText(path, content);
        return path;
    }

    private async Task<List<CoverageRow>> Read(string id, string split) =>
        await _store.ReadAsync<CoverageRow>(id, split, Ct).ToListAsync(Ct);

    public sealed class QaRecord
    {
        public string Q { get; set; } = "";

        public string A { get; set; } = "";
    }
}
