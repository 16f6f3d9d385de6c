using Understudy.Core.Datasets;
using Understudy.Core.Datasets.Storage;
using Understudy.Core.Lineage;

namespace Understudy.Core.Tests.Lineage;

public sealed class StepRunnerTests : IDisposable
{
    private readonly ScratchFolder _folder = new();
    private readonly ParquetDatasetStore _datasets;
    private readonly LineageStore _store;
    private int _executions;

    public StepRunnerTests()
    {
        _datasets = new ParquetDatasetStore(_folder.Combine("datasets"));
        _store = LineageStore.ForWorkspace(_folder.Path);
    }

    public void Dispose() => _folder.Dispose();

    private static RunRecord Run(string id) => new(id, "loop", "duo", "hash", """{"max_iterations": 3}""", StepStatus.Running, null, null, DateTimeOffset.UtcNow, null);

    private StepRunner Runner(string runId)
    {
        _store.CreateRun(Run(runId));
        return new StepRunner(_store, new ArtifactHasher(_datasets), runId);
    }

    private async Task WriteRowsAsync(string datasetId, params string[] prompts) =>
        await _datasets.WriteAsync(datasetId, "train", prompts.Select(p => new CoverageRow { Prompt = p, PromptId = p }), DatasetProvenance.Manual("test"));

    /// <summary>A step that copies its input split to "out:train" (plus one row) and counts executions.</summary>
    private async Task<StepRecord> CopyStepAsync(StepRunner runner, string configHash = "config-1")
    {
        ArtifactRef input = await DatasetArtifacts.DescribeAsync(_datasets, "source", "in", "train");
        return await runner.RunAsync(new StepDefinition("copy", "copy", 1, configHash, [input]), async ct =>
        {
            _executions++;
            var rows = new List<CoverageRow>();
            await foreach (CoverageRow row in _datasets.ReadAsync<CoverageRow>("in", "train", ct))
            {
                rows.Add(row);
            }
            await _datasets.WriteAsync("out", "train", [.. rows, new CoverageRow { Prompt = "extra", PromptId = "extra" }], DatasetProvenance.Manual("copy"), ct);
            return new StepOutcome([await DatasetArtifacts.DescribeAsync(_datasets, "copy", "out", "train", ct)], new Dictionary<string, double> { ["rows"] = rows.Count + 1 });
        });
    }

    [Fact]
    public async Task RunAsync_records_a_succeeded_step_with_inputs_outputs_and_metrics()
    {
        await WriteRowsAsync("in", "a", "b");

        StepRecord step = await CopyStepAsync(Runner("run-1"));

        Assert.Equal(StepStatus.Succeeded, step.Status);
        Assert.Equal(3, step.Metric("rows"));
        Assert.Equal("in:train", Assert.Single(step.Inputs).Name);
        Assert.Equal("out:train", Assert.Single(step.Outputs).Location);
        Assert.NotNull(step.EndedAt);
        Assert.Equal([("run-1", "copy")], _store.FindProducers(step.Outputs[0].Hash));
    }

    [Fact]
    public async Task RunAsync_skips_a_step_whose_inputs_and_config_are_unchanged_and_reuses_its_outputs()
    {
        await WriteRowsAsync("in", "a", "b");
        StepRecord first = await CopyStepAsync(Runner("run-1"));

        StepRecord second = await CopyStepAsync(Runner("run-2"));

        Assert.Equal(1, _executions);
        Assert.Equal(StepStatus.Cached, second.Status);
        Assert.Equal("run-1", second.CachedFrom);
        Assert.Equal(first.Outputs, second.Outputs);
        Assert.Equal(3, second.Metric("rows"));
    }

    [Fact]
    public async Task RunAsync_runs_again_when_an_input_changed_the_config_changed_or_the_output_was_rewritten()
    {
        await WriteRowsAsync("in", "a", "b");
        await CopyStepAsync(Runner("run-1"));

        await WriteRowsAsync("in", "a", "b", "c");
        StepRecord changedInput = await CopyStepAsync(Runner("run-2"));
        StepRecord changedConfig = await CopyStepAsync(Runner("run-3"), configHash: "config-2");
        await WriteRowsAsync("out", "tampered");
        StepRecord rewrittenOutput = await CopyStepAsync(Runner("run-4"), configHash: "config-2");

        Assert.Equal(4, _executions);
        Assert.All([changedInput, changedConfig, rewrittenOutput], s => Assert.Equal(StepStatus.Succeeded, s.Status));
    }

    [Fact]
    public async Task RunAsync_records_a_failed_step_and_runs_it_again_on_resume()
    {
        await WriteRowsAsync("in", "a");
        StepRunner runner = Runner("run-1");
        ArtifactRef input = await DatasetArtifacts.DescribeAsync(_datasets, "source", "in", "train");
        var step = new StepDefinition("boom", "boom", 1, "c", [input]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(step, _ => throw new InvalidOperationException("disk full")));
        StepRecord failed = Assert.Single(_store.GetSteps("run-1"));
        StepRecord resumed = await runner.RunAsync(step, _ => Task.FromResult(new StepOutcome([], new Dictionary<string, double>())));

        Assert.Equal(StepStatus.Failed, failed.Status);
        Assert.Equal("InvalidOperationException: disk full", failed.Error);
        Assert.Equal(StepStatus.Succeeded, resumed.Status);
        Assert.Equal(failed.Sequence, resumed.Sequence);
        Assert.Single(_store.GetSteps("run-1"));
    }

    [Fact]
    public void FindResumable_returns_the_newest_unfinished_run_with_the_same_name_and_config_hash()
    {
        _store.CreateRun(Run("run-1") with { StartedAt = DateTimeOffset.UtcNow.AddMinutes(-2) });
        _store.CreateRun(Run("run-2") with { StartedAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        _store.EndRun("run-2", StepStatus.Succeeded, "passed", "done", DateTimeOffset.UtcNow);
        _store.CreateRun(Run("run-3") with { ConfigHash = "other" });

        Assert.Equal("run-1", _store.FindResumable("loop", "hash")?.Id);
        Assert.Null(_store.FindResumable("loop", "missing"));
        Assert.Equal("passed", _store.GetRun("run-2")?.Outcome);
        Assert.Equal(["run-3", "run-2", "run-1"], _store.ListRuns("loop").Select(r => r.Id));
    }

    [Fact]
    public void FindResumable_also_returns_a_run_that_ended_with_an_outcome_the_caller_names_resumable()
    {
        _store.CreateRun(Run("run-1"));
        _store.EndRun("run-1", StepStatus.Succeeded, "max_wall_time", "out of time", DateTimeOffset.UtcNow);

        Assert.Null(_store.FindResumable("loop", "hash"));
        Assert.Equal("run-1", _store.FindResumable("loop", "hash", "max_wall_time")?.Id);
        Assert.Null(_store.FindResumable("loop", "hash", "max_cost_usd"));
    }

    [Fact]
    public async Task SetStepMetrics_keeps_the_metrics_of_an_attempt_that_then_fails()
    {
        StepRunner runner = Runner("run-1");
        await WriteRowsAsync("in", "a");
        ArtifactRef input = await DatasetArtifacts.DescribeAsync(_datasets, "source", "in", "train");

        await Assert.ThrowsAsync<OperationCanceledException>(() => runner.RunAsync(new StepDefinition("slow", "slow", 1, "c", [input]), _ =>
        {
            _store.SetStepMetrics("run-1", "slow", new Dictionary<string, double> { ["wall_seconds"] = 42 });
            throw new OperationCanceledException();
        }));

        StepRecord failed = Assert.Single(_store.GetSteps("run-1"));
        Assert.Equal(StepStatus.Failed, failed.Status);
        Assert.Equal(42, failed.Metric("wall_seconds"));
    }

    [Fact]
    public async Task RunDiff_names_changed_config_values_metrics_and_artifact_hashes()
    {
        await WriteRowsAsync("in", "a");
        await CopyStepAsync(Runner("run-1"));
        await WriteRowsAsync("in", "a", "b");
        _store.CreateRun(Run("run-2") with { ConfigJson = """{"max_iterations": 5}""" });
        await CopyStepAsync(new StepRunner(_store, new ArtifactHasher(_datasets), "run-2"));

        RunDiff diff = RunDiff.Compare(_store.GetRun("run-1")!, _store.GetSteps("run-1"), _store.GetRun("run-2")!, _store.GetSteps("run-2"));

        Assert.Equal(new RunDiff.ValueChange("max_iterations", "3", "5"), Assert.Single(diff.Config));
        RunDiff.StepChange copy = Assert.Single(diff.Steps);
        Assert.Contains(copy.Changes, c => c.Key == "metric rows" && c.Left == "2" && c.Right == "3");
        Assert.Contains(copy.Changes, c => c.Key == "input source");
        Assert.Contains(copy.Changes, c => c.Key == "output copy");
    }
}
