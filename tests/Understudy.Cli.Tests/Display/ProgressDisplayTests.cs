using Understudy.Cli.Display;
using Understudy.Core.Runs;

namespace Understudy.Cli.Tests.Display;

public sealed class ProgressDisplayTests
{
    private readonly StringWriter _output = new();
    private readonly ManualTimeProvider _clock = new();

    private ProgressDisplay Display() => new(CliConsole.Create(_output), _clock, plainInterval: TimeSpan.FromSeconds(10));

    private string[] Lines => _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Plain_mode_prints_start_throttled_updates_and_a_final_line()
    {
        var result = await Display().RunAsync("batch-infer", progress =>
        {
            var counter = new StepProgressCounter(progress, total: 100);
            for (var i = 0; i < 50; i++)
            {
                _clock.Advance(TimeSpan.FromSeconds(1));
                counter.Add(rows: 2, tokens: 100, costUsd: 0.001m);
            }

            return Task.FromResult(counter.Current.Completed);
        });

        Assert.Equal(100, result);
        // started, the initial snapshot, one line per 10 s of 50 s, and the final line.
        Assert.Equal(
            [
                "batch-infer: started",
                "batch-infer: 0/100 rows (0.0%) | - | ETA -",
                "batch-infer: 20/100 rows (20.0%) | 2.0 rows/s | ETA 40s | 1,000 tokens | $0.0100",
                "batch-infer: 40/100 rows (40.0%) | 2.0 rows/s | ETA 30s | 2,000 tokens | $0.0200",
                "batch-infer: 60/100 rows (60.0%) | 2.0 rows/s | ETA 20s | 3,000 tokens | $0.0300",
                "batch-infer: 80/100 rows (80.0%) | 2.0 rows/s | ETA 10s | 4,000 tokens | $0.0400",
                "batch-infer: 100/100 rows (100.0%) | 2.0 rows/s | 5,000 tokens | $0.0500",
                "batch-infer: done | 100/100 rows (100.0%) | 2.0 rows/s | 5,000 tokens | $0.0500 | took 50s",
            ],
            Lines);
    }

    [Fact]
    public async Task Rate_counts_only_rows_done_in_this_run_when_resuming()
    {
        await Display().RunAsync("evaluate", progress =>
        {
            var counter = new StepProgressCounter(progress, total: 1000, alreadyDone: 900);
            _clock.Advance(TimeSpan.FromSeconds(10));
            counter.Add(rows: 10);
            return Task.CompletedTask;
        });

        Assert.Contains("910/1,000 rows (91.0%) | 1.0 rows/s | ETA 1m30s", Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_metric_columns_render_from_the_latest_snapshot()
    {
        var judged = new ProgressMetric("judged", p => $"{p.Completed * 3} judgements");

        await Display().RunAsync("evaluate", progress =>
        {
            progress.Report(new StepProgress(4, 4));
            return Task.CompletedTask;
        }, [judged]);

        Assert.EndsWith("4/4 rows (100.0%) | - | 12 judgements | took 0s", Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_step_prints_a_failed_line_and_rethrows()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Display().RunAsync("synth", _ => throw new InvalidOperationException("boom")));

        Assert.StartsWith("synth: failed", Lines[^1], StringComparison.Ordinal);
    }
}
