using Understudy.Core.Lineage;
using Understudy.Pipelines.Duo;

namespace Understudy.Pipelines.Tests.Duo;

/// <summary>A step whose inputs and config did not change is skipped and its recorded outputs reused.</summary>
public sealed class DuoCachingTests
{
    [Fact]
    public async Task A_new_run_with_nothing_changed_reuses_every_step_of_the_earlier_run()
    {
        using var duo = new DuoHarness();
        DuoResult first = await duo.RunAsync();

        DuoResult second = await duo.RunAsync(forceNewRun: true);

        Assert.NotEqual(first.RunId, second.RunId);
        Assert.All(duo.Lineage.GetSteps(second.RunId), s =>
        {
            Assert.Equal(StepStatus.Cached, s.Status);
            Assert.Equal(first.RunId, s.CachedFrom);
        });
        Assert.Equal(2, duo.Student.Trainings.Count);
        Assert.Equal(8, duo.Checkpoints.Passes("answer"));
        Assert.Equal(first.Iterations.Select(i => i.SimilarityMean), second.Iterations.Select(i => i.SimilarityMean));
        Assert.All(second.Iterations, i => Assert.All(i.StepSeconds.Values, seconds => Assert.Equal(0, seconds)));
    }

    [Fact]
    public async Task A_changed_training_config_reruns_fine_tuning_and_what_reads_its_model_but_not_the_teacher_steps()
    {
        using var duo = new DuoHarness();
        await duo.RunAsync();
        duo.Student.ConfigHash = "trainer-v2";

        DuoResult second = await duo.RunAsync(forceNewRun: true);

        var steps = duo.Lineage.GetSteps(second.RunId).ToDictionary(s => s.StepId, s => s.Status);
        Assert.Equal(StepStatus.Cached, steps["teacher/batch-infer"]);
        Assert.Equal(StepStatus.Cached, steps["teacher/evaluate"]);
        Assert.Equal(StepStatus.Succeeded, steps["iter-1/finetune"]);
        Assert.Equal(4, duo.Student.Trainings.Count);
    }

    [Fact]
    public async Task A_step_whose_recorded_output_was_deleted_runs_again()
    {
        using var duo = new DuoHarness();
        DuoResult first = await duo.RunAsync();
        await duo.Workspace.Store.DeleteAsync("duo-triage/responses-2");

        DuoResult second = await duo.RunAsync(forceNewRun: true);

        var steps = duo.Lineage.GetSteps(second.RunId).ToDictionary(s => s.StepId, s => s.Status);
        Assert.Equal(StepStatus.Cached, steps["iter-2/finetune"]);
        Assert.Equal(StepStatus.Succeeded, steps["iter-2/batch-infer"]);
        Assert.Equal(StepStatus.Cached, steps["iter-2/evaluate"]);
        Assert.Equal(first.Iterations[^1].SimilarityMean, second.Iterations[^1].SimilarityMean);
    }
}
