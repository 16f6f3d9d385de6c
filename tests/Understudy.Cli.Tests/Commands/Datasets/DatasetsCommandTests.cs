using System.CommandLine;
using Understudy.Cli.Commands.Datasets;
using Understudy.Cli.Hosting;

namespace Understudy.Cli.Tests.Commands.Datasets;

public sealed class DatasetsCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("understudy-datasets-cli-").FullName;
    private readonly RootCommand _root = UnderstudyRootCommand.Create();
    private StringWriter _output = new();
    private StringWriter _error = new();

    public DatasetsCommandTests() => _root.Subcommands.Add(DatasetsCommand.Create());

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Import_then_list_head_and_export_work_end_to_end()
    {
        string file = Path.Combine(_folder, "pairs.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"prompt": "What is 2+2?", "response": "4", "category": "math"}""",
            """{"prompt": "What is 2+2?", "response": "4", "category": "math"}""",
            """{"question": "Capital of France?", "answer": "Paris", "category": "geo"}""",
            """{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}""",
        ], TestContext.Current.CancellationToken);

        Assert.Equal(0, await Run("datasets", "import", file, "--name", "demo", "--test-size", "0.34", "--seed", "1"));
        Assert.Contains("duplicates dropped │ 1", _output.ToString());

        Assert.Equal(0, await Run("datasets", "list"));
        Assert.Contains("demo", _output.ToString());
        Assert.Contains("import", _output.ToString());

        Assert.Equal(0, await Run("datasets", "head", "demo", "--split", "train", "--json", "-n", "1"));
        Assert.Single(_output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("\"messages\":[{\"role\":\"user\"", _output.ToString());

        string exported = Path.Combine(_folder, "test.jsonl");
        Assert.Equal(0, await Run("datasets", "export", "demo", "--split", "test", "--out", exported));
        Assert.Single(await File.ReadAllLinesAsync(exported, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_bad_row_fails_with_exit_code_1_and_names_the_file_and_line()
    {
        string file = Path.Combine(_folder, "bad.jsonl");
        await File.WriteAllTextAsync(file, "{\"prompt\": \"p\"}\n", TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Failure, await Run("datasets", "import", file, "--name", "bad"));

        Assert.Contains("bad.jsonl line 1: no response", _error.ToString());
    }

    [Fact]
    public async Task Showing_a_missing_hub_dataset_suggests_pull()
    {
        Assert.Equal(ExitCodes.Failure, await Run("datasets", "show", "acme/missing"));

        Assert.Contains("understudy datasets pull acme/missing", _error.ToString());
    }

    [Fact]
    public async Task An_invalid_test_size_is_a_usage_error()
    {
        string file = Path.Combine(_folder, "one.jsonl");
        await File.WriteAllTextAsync(file, "{\"prompt\": \"p\", \"response\": \"r\"}\n", TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.UsageError, await Run("datasets", "import", file, "--name", "x", "--test-size", "1.5"));

        Assert.Contains("test size must be at least 0 and below 1", _error.ToString());
    }

    private Task<int> Run(params string[] args)
    {
        _output = new StringWriter();
        _error = new StringWriter();
        return CliRunner.RunAsync(_root, [.. args, "--workspace", Path.Combine(_folder, "workspace")], _output, _error, TestContext.Current.CancellationToken);
    }
}
