using Understudy.Core.Runs;

namespace Understudy.Core.Tests.Runs;

public sealed class StepProgressCounterTests
{
    private sealed class Recorder : IProgress<StepProgress>
    {
        public List<StepProgress> Reports { get; } = [];

        public void Report(StepProgress value) => Reports.Add(value);
    }

    [Fact]
    public void Add_accumulates_rows_tokens_cost_and_failures_and_reports_each_snapshot()
    {
        var recorder = new Recorder();
        var counter = new StepProgressCounter(recorder, total: 10, alreadyDone: 2);

        counter.Add(rows: 3, tokens: 100, costUsd: 0.5m);
        counter.Add(rows: 1, failed: 1);

        Assert.Equal(
            [new StepProgress(2, 10), new StepProgress(5, 10, 100, 0.5m), new StepProgress(6, 10, 100, 0.5m, 1)],
            recorder.Reports);
    }

    [Fact]
    public async Task Add_is_safe_from_parallel_workers()
    {
        var counter = new StepProgressCounter(null, total: 4000);

        await Parallel.ForAsync(0, 4000, (_, _) => { counter.Add(tokens: 2); return ValueTask.CompletedTask; });

        Assert.Equal(new StepProgress(4000, 4000, 8000), counter.Current);
    }
}
