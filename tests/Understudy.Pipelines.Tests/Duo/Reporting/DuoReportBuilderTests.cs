using Understudy.Pipelines.Duo;
using Understudy.Pipelines.Duo.Reporting;
using Understudy.Pipelines.Reporting;

namespace Understudy.Pipelines.Tests.Duo.Reporting;

public sealed class DuoReportBuilderTests
{
    [Fact]
    public async Task BuildAsync_gathers_scores_losses_dataset_sizes_step_times_and_usage_per_iteration()
    {
        using var duo = new DuoHarness();
        duo.JudgeCallPrice = 0.01m;
        DuoResult result = await duo.RunAsync();

        RunReportData report = await new DuoReportBuilder(duo.Workspace.Store, duo.Lineage).BuildAsync(result.RunId);

        Assert.Equal(result.RunId, report.RunId);
        Assert.StartsWith("passed: the student passed at iteration 2", report.Outcome, StringComparison.Ordinal);
        Assert.Equal(2, report.Iterations.Count);
        IterationReport first = report.Iterations[0], second = report.Iterations[1];
        Assert.Equal([40.0, 40.0, 40.0, 40.0], first.Student!.Similarity);
        Assert.Equal([95.0, 95.0, 95.0, 95.0], second.Student!.Precision);
        Assert.False(first.Student.Passed);
        Assert.True(second.Student.Passed);
        Assert.Equal([95.0, 95.0, 95.0, 95.0], first.Teacher!.Similarity);
        Assert.Equal([2.0, 1.5], first.TrainingLoss.Select(p => p.Loss));
        Assert.Equal(new DatasetSizes { Train = 8, Test = 4, Synth = 8, Merged = 16 }, first.Datasets);
        Assert.Equal(16, second.Datasets.Train);
        Assert.Equal(["finetune", "batch-infer", "evaluate", "synth", "merge"], first.StepTimes.Select(t => t.Step));
        Assert.Equal(4, first.WorstAnswers.Count);
        Assert.Contains("student knows 8", first.WorstAnswers[0].Candidate, StringComparison.Ordinal);
        var judge = Assert.Single(report.Usage, u => u.Role == "judge");
        Assert.Equal(12, judge.Requests);
        Assert.Equal(0.12m, judge.CostUsd);
        Assert.Equal(70, report.Thresholds.Similarity);
    }

    [Fact]
    public async Task BuildAsync_rejects_an_unknown_run_naming_the_store()
    {
        using var duo = new DuoHarness();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new DuoReportBuilder(duo.Workspace.Store, duo.Lineage).BuildAsync("nope"));

        Assert.Contains("No run 'nope'", error.Message, StringComparison.Ordinal);
    }
}
