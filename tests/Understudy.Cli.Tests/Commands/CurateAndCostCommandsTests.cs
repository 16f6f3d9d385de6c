using System.CommandLine;
using Understudy.Cli.Commands;
using Understudy.Cli.Hosting;
using Understudy.Core.Datasets;
using Understudy.Core.Datasets.Storage;
using Understudy.Core.Workspaces;

namespace Understudy.Cli.Tests.Commands;

/// <summary><c>understudy curate</c> on the workspace's Parquet store and <c>understudy cost</c> from a config.</summary>
public sealed class CurateAndCostCommandsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("understudy-curate-").FullName;
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Workspace => Path.Combine(_folder, "workspace");

    private async Task<int> RunAsync(Command command, string yaml, params string[] flags)
    {
        string path = Path.Combine(_folder, command.Name + ".yaml");
        await File.WriteAllTextAsync(path, yaml, TestContext.Current.CancellationToken);
        var root = UnderstudyRootCommand.Create();
        root.Subcommands.Add(command);
        return await CliRunner.RunAsync(root, [command.Name, "--from-config", path, .. flags, "--workspace", Workspace], _output, _error,
            TestContext.Current.CancellationToken);
    }

    private static CoverageRow Row(string prompt, string answer)
    {
        List<ChatTurn> messages = [new("user", prompt), new("assistant", answer)];
        return new CoverageRow { Prompt = prompt, PromptId = RowId.FromMessages(messages), Messages = messages, Category = "triage" };
    }

    [Fact]
    public async Task Curate_writes_the_curated_split_and_the_report_next_to_it()
    {
        var store = new ParquetDatasetStore(new Workspace(Workspace));
        await store.WriteAsync("synth", "train",
        [
            Row("The printer on floor two is jammed again and shows error 13", "{\"team\": \"it\"}"),
            Row("the printer on floor two is JAMMED again, and shows error 13!", "{\"team\": \"it\"}"),
            Row("Who cleans the kitchen on Fridays", "I'm sorry, but I can't help with that."),
            Row("My badge stopped opening the garage door this week", "{\"team\": \"facilities\"}"),
        ], DatasetProvenance.Manual("test"), TestContext.Current.CancellationToken);

        int exit = await RunAsync(CurateCommand.Create(), "input_ds_id: synth\noutput_ds_id: curated\n", "--expect-json", "true");

        Assert.True(exit == 0, _error.ToString());
        var kept = new List<CoverageRow>();
        await foreach (CoverageRow row in store.ReadAsync<CoverageRow>("curated", "train", TestContext.Current.CancellationToken))
        {
            kept.Add(row);
        }
        Assert.Equal(2, kept.Count);
        Assert.True(File.Exists(Path.Combine(Workspace, "datasets", "curated", "train.curation_report.json")));
        Assert.Contains("exact_duplicate", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("refusal", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Curate_reports_a_missing_input_dataset()
    {
        int exit = await RunAsync(CurateCommand.Create(), "input_ds_id: nothing-here\noutput_ds_id: curated\n");

        Assert.NotEqual(0, exit);
        Assert.Contains("nothing-here", _error.ToString() + _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cost_prints_the_break_even_from_the_config_numbers()
    {
        const string yaml = "service_model: gpt-4o\nhardware_hourly_usd: 0.8\nfine_tune_wall_time: 00:45:00\ninference_wall_time: 00:10:00\n" +
                            "inference_requests: 200\navg_input_tokens: 350\navg_output_tokens: 60\nmigration_cost_usd: 1.5\n";

        int exit = await RunAsync(CostCommand.Create(), yaml);

        Assert.True(exit == 0, _error.ToString());
        Assert.Contains("breaks even after 2,598 requests", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cost_without_a_measured_inference_names_the_keys_to_set()
    {
        int exit = await RunAsync(CostCommand.Create(), "service_model: gpt-4o\n");

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("inference_wall_time", _error.ToString() + _output.ToString(), StringComparison.Ordinal);
    }
}
