using Understudy.Core.Lineage;
using Understudy.Pipelines.Duo;
using Understudy.Testing;

namespace Understudy.Pipelines.Tests.Duo;

/// <summary>
/// max_wall_time is enforced inside a step: a fine-tune still running at the deadline is stopped, the run records the
/// budget stop (not a cancel), what the step wrote stays, and a rerun with a larger budget resumes the run there.
/// The loop runs on a manual clock; the fake fine-tune blocks until it is cancelled.
/// </summary>
public sealed class DuoWallTimeTests : IDisposable
{
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);

    private readonly DuoHarness _duo = new();
    private readonly ManualTimeProvider _time = new();
    private readonly TaskCompletionSource _trainingStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DuoWallTimeTests()
    {
        _duo.Time = _time;
        _duo.Config.EvaluateTeacher = false;
        _duo.Config.MaxWallTime = TenMinutes;
        _duo.Student.DuringTraining = async (request, ct) =>
        {
            Directory.CreateDirectory(request.OutputDir);
            await File.WriteAllTextAsync(Checkpoint(request), "step 20", ct);
            _trainingStarted.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        };
    }

    public void Dispose() => _duo.Dispose();

    private static string Checkpoint(StudentTrainingRequest request) => Path.Combine(request.OutputDir, "checkpoint-20");

    /// <summary>Runs until the fine-tune of iteration 1 blocks, then moves the clock past the deadline.</summary>
    private async Task<DuoResult> RunUntilTheDeadlineAsync()
    {
        Task<DuoResult> run = _duo.RunAsync();
        await _trainingStarted.Task.WaitAsync(TestContext.Current.CancellationToken);
        _time.Advance(TenMinutes);
        return await run;
    }

    private StepRecord Finetune(string runId) => _duo.Lineage.GetSteps(runId).Single(s => s.StepId == "iter-1/finetune");

    [Fact]
    public async Task A_fine_tune_still_running_at_max_wall_time_is_stopped_and_the_run_records_the_budget_stop()
    {
        DuoResult result = await RunUntilTheDeadlineAsync();

        Assert.Equal(DuoStopReason.WallTimeBudget, result.StopReason);
        Assert.Contains("max_wall_time (00:10:00) reached during iter-1/finetune", result.Message, StringComparison.Ordinal);
        Assert.Empty(result.Iterations);
        RunRecord run = Assert.Single(_duo.Lineage.ListRuns());
        Assert.Equal((StepStatus.Succeeded, "max_wall_time"), (run.Status, run.Outcome));
        StepRecord finetune = Finetune(run.Id);
        Assert.Equal(StepStatus.Failed, finetune.Status);
        Assert.Contains("stopped at max_wall_time", finetune.Error, StringComparison.Ordinal);
        Assert.Equal(TenMinutes.TotalSeconds, finetune.Metric(DuoMetrics.WallSeconds));
        Assert.Contains(_duo.Log, line => line.StartsWith("stopped (max_wall_time)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rerun_with_a_larger_max_wall_time_resumes_the_same_run_at_the_stopped_step_with_its_checkpoint()
    {
        DuoResult stopped = await RunUntilTheDeadlineAsync();
        bool resumedFromCheckpoint = false;
        _duo.Student.DuringTraining = (request, _) =>
        {
            resumedFromCheckpoint |= File.Exists(Checkpoint(request));
            return Task.CompletedTask;
        };
        _duo.Config.MaxWallTime = TimeSpan.FromHours(1);

        DuoResult resumed = await _duo.RunAsync();

        Assert.True(resumed.Resumed);
        Assert.Equal(stopped.RunId, resumed.RunId);
        Assert.Single(_duo.Lineage.ListRuns());
        Assert.Equal(DuoStopReason.Passed, resumed.StopReason);
        Assert.True(resumedFromCheckpoint, "the resumed fine-tune must find the checkpoint the stopped one wrote");
        StepRecord finetune = Finetune(resumed.RunId);
        Assert.Equal(StepStatus.Succeeded, finetune.Status);
        Assert.Equal(TenMinutes.TotalSeconds, finetune.Metric(DuoMetrics.WallSeconds)); // the stopped attempt's time still counts
        Assert.Equal("passed", _duo.Lineage.GetRun(resumed.RunId)!.Outcome);
    }

    [Fact]
    public async Task A_rerun_with_the_same_max_wall_time_resumes_the_run_and_stops_before_starting_a_step()
    {
        DuoResult stopped = await RunUntilTheDeadlineAsync();
        int trainings = _duo.Checkpoints.Passes("train");

        DuoResult again = await _duo.RunAsync();

        Assert.Equal(stopped.RunId, again.RunId);
        Assert.Equal(DuoStopReason.WallTimeBudget, again.StopReason);
        Assert.Contains("the run's steps took 00:10:00. Raise max_wall_time", again.Message, StringComparison.Ordinal);
        Assert.Equal(trainings, _duo.Checkpoints.Passes("train"));
    }

    [Fact]
    public async Task The_users_cancel_inside_a_step_is_recorded_as_cancelled_not_as_the_budget()
    {
        Task<DuoResult> run = _duo.RunAsync();
        await _trainingStarted.Task.WaitAsync(TestContext.Current.CancellationToken);

        _duo.Checkpoints.Kill();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        RunRecord record = Assert.Single(_duo.Lineage.ListRuns());
        Assert.Equal((StepStatus.Failed, "cancelled"), (record.Status, record.Outcome));
        Assert.StartsWith("cancelled", Finetune(record.Id).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_max_wall_time_a_step_runs_however_long_it_takes()
    {
        _duo.Config.MaxWallTime = TimeSpan.Zero;
        _duo.Student.DuringTraining = (_, _) =>
        {
            _time.Advance(TimeSpan.FromDays(100));
            return Task.CompletedTask;
        };

        DuoResult result = await _duo.RunAsync();

        Assert.Equal(DuoStopReason.Passed, result.StopReason);
        Assert.Equal(TimeSpan.FromDays(100).TotalSeconds, Finetune(result.RunId).Metric(DuoMetrics.WallSeconds));
    }
}
