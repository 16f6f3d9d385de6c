using Understudy.Core.Datasets;
using Understudy.Core.Lineage;
using Understudy.Pipelines.Duo;

namespace Understudy.Pipelines.Tests.Duo;

public sealed class DuoLoopTests
{
    [Fact]
    public async Task RunAsync_stops_at_iteration_1_when_the_first_student_passes()
    {
        using var duo = new DuoHarness();
        duo.Config.AvgSimilarityThreshold = duo.Config.AvgPrecisionThreshold = 30;

        DuoResult result = await duo.RunAsync();

        Assert.Equal(DuoStopReason.Passed, result.StopReason);
        DuoIterationResult only = Assert.Single(result.Iterations);
        Assert.Equal(40, only.SimilarityMean);
        Assert.Equal(95, result.TeacherSimilarityMean);
        Assert.Equal(0, result.SyntheticRows);
        Assert.DoesNotContain(duo.Lineage.GetSteps(result.RunId), s => s.Kind == "synth");
        Assert.Equal("passed", duo.Lineage.GetRun(result.RunId)!.Outcome);
    }

    [Fact]
    public async Task RunAsync_synthesises_curates_merges_and_passes_with_the_continued_student()
    {
        using var duo = new DuoHarness();

        DuoResult result = await duo.RunAsync();

        Assert.Equal(DuoStopReason.Passed, result.StopReason);
        Assert.Equal([40.0, 95.0], result.Iterations.Select(i => i.SimilarityMean));
        Assert.Equal([8, 16], result.Iterations.Select(i => i.TrainRows));
        Assert.Equal(8, result.SyntheticRows);
        StudentTrainingRequest second = duo.Student.Trainings[1];
        Assert.True(second.IsContinuation);
        Assert.Equal(result.Iterations[0].StudentModelDir, second.StartFrom);
        Assert.Equal("duo-triage/train-2", second.TrainDatasetId);
        Assert.Equal(
            ["teacher/batch-infer", "teacher/evaluate", "iter-1/finetune", "iter-1/batch-infer", "iter-1/evaluate", "iter-1/synth", "iter-1/merge",
             "iter-2/finetune", "iter-2/batch-infer", "iter-2/evaluate"],
            duo.Lineage.GetSteps(result.RunId).Select(s => s.StepId));
    }

    [Fact]
    public async Task RunAsync_stops_on_max_iterations_and_says_so()
    {
        using var duo = new DuoHarness();
        duo.Config.AvgSimilarityThreshold = 99;
        duo.Config.MaxIterations = 2;

        DuoResult result = await duo.RunAsync();

        Assert.Equal(DuoStopReason.MaxIterations, result.StopReason);
        Assert.Equal(2, result.Iterations.Count);
        Assert.Contains("max_iterations (2) reached", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_stops_when_max_synth_samples_are_spent()
    {
        using var duo = new DuoHarness();
        duo.Config.AvgSimilarityThreshold = 99;
        duo.Config.MaxSynthSamples = 8;

        DuoResult result = await duo.RunAsync();

        Assert.Equal(DuoStopReason.SynthBudget, result.StopReason);
        Assert.Equal(2, result.Iterations.Count);
        Assert.Equal(8, result.SyntheticRows);
        Assert.Contains("max_synth_samples (8) spent", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_asks_synth_for_no_more_than_the_remaining_synth_budget()
    {
        using var duo = new DuoHarness();
        duo.Config.AvgSimilarityThreshold = 99;
        duo.Config.MaxSynthSamples = 5;

        DuoResult result = await duo.RunAsync();

        Assert.Equal(DuoStopReason.SynthBudget, result.StopReason);
        Assert.Equal(5, result.SyntheticRows);
        Assert.Equal(5, (await duo.Workspace.RowsAsync<SynthRow>("duo-triage/synth-1", "train")).Count);
    }

    [Fact]
    public async Task RunAsync_stops_when_the_service_calls_cost_max_cost_usd()
    {
        using var duo = new DuoHarness();
        duo.Config.AvgSimilarityThreshold = 99;
        duo.Config.MaxCostUsd = 0.05;
        duo.JudgeCallPrice = 0.01m;

        DuoResult result = await duo.RunAsync();

        Assert.Equal(DuoStopReason.CostBudget, result.StopReason);
        Assert.True(result.CostUsd >= 0.05m);
        Assert.Single(result.Iterations);
        Assert.Contains("max_cost_usd (0.05) reached", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_records_each_step_with_its_inputs_outputs_and_metrics()
    {
        using var duo = new DuoHarness();

        DuoResult result = await duo.RunAsync();

        StepRecord merge = duo.Lineage.GetSteps(result.RunId).Single(s => s.StepId == "iter-1/merge");
        Assert.Equal(StepStatus.Succeeded, merge.Status);
        Assert.Equal(16, merge.Metric("train_rows"));
        Assert.Contains(merge.Inputs, i => i.Name == "duo-triage/synth-1:train");
        ArtifactRef train = Assert.Single(merge.Outputs, o => o.Role == "train");
        StepRecord finetune = duo.Lineage.GetSteps(result.RunId).Single(s => s.StepId == "iter-2/finetune");
        Assert.Equal(train.Hash, finetune.Inputs.Single(i => i.Role == "train").Hash);
        Assert.Contains(("" + result.RunId, "iter-1/merge"), duo.Lineage.FindProducers(train.Hash));
    }
}
