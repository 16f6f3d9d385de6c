using Understudy.Pipelines.Duo;

namespace Understudy.Pipelines.Tests.Duo;

/// <summary>A killed duo run restarts at the step where it stopped, and within that step at the row.</summary>
public sealed class DuoResumeTests
{
    /// <summary>An uninterrupted run passes through: train 2, answer 8 (student), judge 12 (4 teacher + 2 x 4), generate 2.</summary>
    [Theory]
    [InlineData("train", 1, 2)]
    [InlineData("train", 2, 2)]
    [InlineData("answer", 3, 8)]
    [InlineData("answer", 6, 8)]
    [InlineData("judge", 3, 12)]
    [InlineData("judge", 6, 12)]
    [InlineData("judge", 11, 12)]
    [InlineData("generate", 2, 2)]
    public async Task A_killed_run_resumes_the_same_run_redoing_only_the_call_in_flight(string checkpoint, int killedPass, int uninterruptedPasses)
    {
        using var duo = new DuoHarness();

        DuoResult result = await duo.RunKilledAtThenResumeAsync(checkpoint, killedPass);

        Assert.True(result.Resumed);
        Assert.Single(duo.Lineage.ListRuns());
        Assert.Equal(DuoStopReason.Passed, result.StopReason);
        Assert.Equal([40.0, 95.0], result.Iterations.Select(i => i.SimilarityMean));
        Assert.Equal(uninterruptedPasses + 1, duo.Checkpoints.Passes(checkpoint));
        Assert.Equal(2, duo.Student.Trainings.Count);
        Assert.Equal("passed", duo.Lineage.GetRun(result.RunId)!.Outcome);
    }

    [Fact]
    public async Task A_killed_run_is_recorded_as_cancelled_with_its_interrupted_step_failed()
    {
        using var duo = new DuoHarness();
        duo.Checkpoints.KillAt("answer", 2);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => duo.RunAsync());

        var run = Assert.Single(duo.Lineage.ListRuns());
        Assert.Equal("cancelled", run.Outcome);
        var step = duo.Lineage.GetSteps(run.Id).Single(s => s.StepId == "iter-1/batch-infer");
        Assert.Equal(Core.Lineage.StepStatus.Failed, step.Status);
        Assert.Contains("rerun resumes", step.Error, StringComparison.Ordinal);
    }
}
