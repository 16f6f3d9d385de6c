using Understudy.Cli.Commands;
using Understudy.Cli.Hosting;
using Understudy.Cli.Tests.Hosting;
using Understudy.Core.Lineage;

namespace Understudy.Cli.Tests.Commands.Runs;

public sealed class RunsLineageCommandsTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public RunsLineageCommandsTests() => _cli.Root.Subcommands.Add(RunsCommand.Create());

    public void Dispose() => _cli.Dispose();

    /// <summary>Two duo-like runs: the second trained on one more row, so its train input and metrics differ.</summary>
    private LineageStore RecordTwoRuns()
    {
        var store = LineageStore.ForWorkspace(_cli.Workspace);
        DateTimeOffset start = DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (id, rows, iterations) in new[] { ("duo-a", 8, 2), ("duo-b", 9, 3) })
        {
            store.CreateRun(new RunRecord(id, "triage", "duo", "h-" + id, $$"""{"max_iterations": {{iterations}}}""", StepStatus.Running, null, null, start, null));
            var train = new ArtifactRef("train", ArtifactKinds.Dataset, "cov:train", ContentHash.OfParts("rows", rows.ToString(System.Globalization.CultureInfo.InvariantCulture)), "cov:train");
            var model = new ArtifactRef("model", ArtifactKinds.Model, "models/iter-1", ContentHash.OfParts("model", id), "models/iter-1");
            store.StartStep(id, "iter-1/finetune", "finetune", 1, ContentHash.OfParts(id), [train], start);
            store.CompleteStep(id, "iter-1/finetune", StepStatus.Succeeded, null, [model], new Dictionary<string, double> { ["train_rows"] = rows }, start.AddMinutes(1));
            store.EndRun(id, StepStatus.Succeeded, "max_iterations", "max_iterations reached", start.AddMinutes(2));
            start = start.AddHours(1);
        }
        return store;
    }

    [Fact]
    public async Task Runs_list_shows_the_pipeline_runs_newest_first()
    {
        RecordTwoRuns();

        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("runs", "list"));

        string output = _cli.Output.ToString();
        Assert.True(output.IndexOf("duo-b", StringComparison.Ordinal) < output.IndexOf("duo-a", StringComparison.Ordinal));
        Assert.Contains("max_iterations", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_list_of_a_workspace_without_pipeline_runs_says_so_and_creates_nothing()
    {
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("runs", "list"));

        Assert.Contains("No pipeline runs", _cli.Output.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_cli.Workspace, LineageStore.FileName)));
    }

    [Fact]
    public async Task Runs_show_prints_the_steps_and_the_lineage_tree_of_a_pipeline_run()
    {
        RecordTwoRuns();

        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("runs", "show", "duo-a"));

        string output = _cli.Output.ToString();
        Assert.Contains("iter-1/finetune", output, StringComparison.Ordinal);
        Assert.Contains("train_rows=8", output, StringComparison.Ordinal);
        Assert.Contains("iteration 1", output, StringComparison.Ordinal);
        Assert.Contains("← train: cov:train", output, StringComparison.Ordinal);
        Assert.Contains("→ model: models/iter-1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_diff_names_the_config_values_metrics_and_artifacts_that_differ()
    {
        RecordTwoRuns();

        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("runs", "diff", "duo-a", "duo-b"));

        string output = _cli.Output.ToString();
        Assert.Contains("max_iterations", output, StringComparison.Ordinal);
        Assert.Contains("metric train_rows", output, StringComparison.Ordinal);
        Assert.Contains("input train", output, StringComparison.Ordinal);
        Assert.Contains("output model", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_diff_rejects_an_unknown_run()
    {
        RecordTwoRuns();

        Assert.Equal(ExitCodes.UsageError, await _cli.RunAsync("runs", "diff", "duo-a", "nope"));

        Assert.Contains("no pipeline run 'nope'", _cli.Error.ToString(), StringComparison.Ordinal);
    }
}
