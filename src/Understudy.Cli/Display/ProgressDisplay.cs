using System.Collections.Concurrent;
using Spectre.Console;
using Understudy.Core.Runs;

namespace Understudy.Cli.Display;

/// <summary>
/// Shows the progress of long steps: a live bar (rows done/total, rate, ETA, and extra columns such as tokens
/// and cost) in an interactive terminal, or periodic plain lines when output is redirected (CI).
/// </summary>
public sealed class ProgressDisplay
{
    private readonly IAnsiConsole _console;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _plainInterval;

    /// <summary>Creates a display on <paramref name="console"/>; plain mode prints at most every <paramref name="plainInterval"/> (default 10 s).</summary>
    public ProgressDisplay(IAnsiConsole console, TimeProvider? timeProvider = null, TimeSpan? plainInterval = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        _console = console;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _plainInterval = plainInterval ?? TimeSpan.FromSeconds(10);
    }

    /// <summary>Runs <paramref name="work"/>, showing the progress it reports, and returns its result.</summary>
    /// <param name="description">The step, e.g. <c>batch-infer</c>.</param>
    /// <param name="work">The step; reports cumulative snapshots through the progress it is given.</param>
    /// <param name="metrics">Extra columns; null shows tokens and cost.</param>
    /// <param name="unit">What is counted (<c>rows</c>, <c>prompts</c>, <c>steps</c>).</param>
    public async Task<T> RunAsync<T>(
        string description, Func<IProgress<StepProgress>, Task<T>> work,
        IReadOnlyList<ProgressMetric>? metrics = null, string unit = "rows")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(work);
        metrics ??= ProgressMetric.Defaults;
        return CliConsole.IsLive(_console)
            ? await RunLiveAsync(description, work, metrics, unit)
            : await RunPlainAsync(description, work, metrics, unit);
    }

    /// <summary>Runs a step that returns nothing.</summary>
    public Task RunAsync(
        string description, Func<IProgress<StepProgress>, Task> work,
        IReadOnlyList<ProgressMetric>? metrics = null, string unit = "rows")
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync(description, async progress => { await work(progress); return true; }, metrics, unit);
    }

    private async Task<T> RunPlainAsync<T>(
        string description, Func<IProgress<StepProgress>, Task<T>> work, IReadOnlyList<ProgressMetric> metrics, string unit)
    {
        var reporter = new PlainProgressReporter(_console, description, metrics, unit, _timeProvider, _plainInterval);
        _console.Profile.Out.Writer.WriteLine($"{description}: started");
        try
        {
            var result = await work(reporter);
            reporter.Complete("done");
            return result;
        }
        catch (OperationCanceledException)
        {
            reporter.Complete("cancelled");
            throw;
        }
        catch
        {
            reporter.Complete("failed");
            throw;
        }
    }

    private async Task<T> RunLiveAsync<T>(
        string description, Func<IProgress<StepProgress>, Task<T>> work, IReadOnlyList<ProgressMetric> metrics, string unit)
    {
        var states = new ConcurrentDictionary<int, ProgressState>();
        ProgressState? StateOf(ProgressTask task) => states.GetValueOrDefault(task.Id);
        var columns = new List<ProgressColumn>
        {
            new TaskDescriptionColumn(), new ProgressBarColumn(),
            new SnapshotColumn(StateOf, s => ProgressText.Rows(s.Latest, unit)),
            new SnapshotColumn(StateOf, s => ProgressText.FormatRate(s.Rate(), unit)),
            new SnapshotColumn(StateOf, s => "ETA " + ProgressText.FormatDuration(s.Eta())),
            new ElapsedTimeColumn(),
        };
        columns.AddRange(metrics.Select(m => new SnapshotColumn(StateOf, s => m.Render(s.Latest))));

        return await _console.Progress().AutoRefresh(true).Columns([.. columns]).StartAsync(async context =>
        {
            var task = context.AddTask(description, maxValue: 1);
            task.IsIndeterminate = true;
            var state = new ProgressState(_timeProvider);
            states[task.Id] = state;
            var result = await work(new LiveProgress(task, state));
            task.StopTask();
            return result;
        });
    }

    /// <summary>Feeds snapshots into a Spectre task and the state its columns read.</summary>
    private sealed class LiveProgress(ProgressTask task, ProgressState state) : IProgress<StepProgress>
    {
        public void Report(StepProgress value)
        {
            state.Update(value);
            task.IsIndeterminate = value.Total is null;
            task.MaxValue = Math.Max(1, value.Total ?? value.Completed);
            task.Value = Math.Min(value.Completed, task.MaxValue);
        }
    }
}
