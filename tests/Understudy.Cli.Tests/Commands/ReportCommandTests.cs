using System.Globalization;
using Understudy.Cli.Commands;
using Understudy.Cli.Hosting;
using Understudy.Cli.Tests.Hosting;
using Understudy.Core.Datasets;
using Understudy.Core.Datasets.Storage;
using Understudy.Core.Lineage;
using Understudy.Core.Workspaces;

namespace Understudy.Cli.Tests.Commands;

public sealed class ReportCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public ReportCommandTests() => _cli.Root.Subcommands.Add(ReportCommand.Create());

    public void Dispose() => _cli.Dispose();

    /// <summary>A one-iteration run whose evaluate step recorded a real evaluation split of two judged answers.</summary>
    private async Task<string> RecordRunAsync()
    {
        var datasets = new ParquetDatasetStore(new Workspace(_cli.Workspace));
        EvaluationRow Judged(string id, int score) => new()
        {
            PromptId = id,
            Instructions = $"prompt {id}",
            TargetResponses = "reference",
            CandidateResponses = $"answer {id}",
            ModelId = "student",
            SimilarityScores = [score],
            PrecisionScores = [score],
            JudgeReasons = [$"reason {id}"],
        };
        await datasets.WriteAsync("duo-x/eval-1", "eval", [Judged("a", 20), Judged("b", 80)], DatasetProvenance.Manual("test"));
        ArtifactRef evaluations = await DatasetArtifacts.DescribeAsync(datasets, "evaluations", "duo-x/eval-1", "eval");
        var store = LineageStore.ForWorkspace(_cli.Workspace);
        DateTimeOffset start = DateTimeOffset.Parse("2026-11-23T10:00:00Z", CultureInfo.InvariantCulture);
        store.CreateRun(new RunRecord("duo-x-1", "x", "duo", "h", """{"avg_similarity_threshold": 90, "avg_precision_threshold": 90}""", StepStatus.Running, null, null, start, null));
        store.StartStep("duo-x-1", "iter-1/evaluate", "evaluate", 1, "k", [], start);
        store.CompleteStep("duo-x-1", "iter-1/evaluate", StepStatus.Succeeded, null, [evaluations],
            new Dictionary<string, double> { ["similarity_mean"] = 50, ["precision_mean"] = 50, ["passed"] = 0, ["judge_calls"] = 2 }, start.AddSeconds(30));
        store.EndRun("duo-x-1", StepStatus.Succeeded, "max_iterations", "max_iterations (1) reached", start.AddMinutes(1));
        return "duo-x-1";
    }

    [Fact]
    public async Task Report_writes_a_self_contained_html_file_of_the_run()
    {
        string runId = await RecordRunAsync();
        string output = Path.Combine(_cli.Workspace, "report.html");

        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("report", runId, "--output", output));

        string html = File.ReadAllText(output);
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(runId, html, StringComparison.Ordinal);
        Assert.Contains("reason a", html, StringComparison.Ordinal);
        Assert.Contains($"Report: {output}", _cli.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_of_an_unknown_run_is_a_usage_error()
    {
        await RecordRunAsync();

        Assert.Equal(ExitCodes.UsageError, await _cli.RunAsync("report", "nope"));

        Assert.Contains("no pipeline run 'nope'", _cli.Error.ToString(), StringComparison.Ordinal);
    }
}
