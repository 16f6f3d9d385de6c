using Spectre.Console;
using Understudy.Core.Runs;

namespace Understudy.Cli.Display;

/// <summary>
/// Progress for non-interactive output (CI logs, redirected output): one plain line when the step starts,
/// at most one per interval while it runs, and one when it ends, so logs stay short but show liveness.
/// </summary>
public sealed class PlainProgressReporter : IProgress<StepProgress>
{
    private readonly IAnsiConsole _console;
    private readonly string _description;
    private readonly IReadOnlyList<ProgressMetric> _metrics;
    private readonly string _unit;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _interval;
    private readonly Lock _gate = new();
    private long? _lastPrintedAt;

    /// <summary>Creates a reporter that prints to <paramref name="console"/> every <paramref name="interval"/> at most.</summary>
    public PlainProgressReporter(
        IAnsiConsole console, string description, IReadOnlyList<ProgressMetric> metrics, string unit,
        TimeProvider timeProvider, TimeSpan interval)
    {
        _console = console;
        _description = description;
        _metrics = metrics;
        _unit = unit;
        _timeProvider = timeProvider;
        _interval = interval;
        State = new ProgressState(timeProvider);
    }

    /// <summary>The step's state.</summary>
    public ProgressState State { get; }

    /// <inheritdoc />
    public void Report(StepProgress value)
    {
        State.Update(value);
        lock (_gate)
        {
            var now = _timeProvider.GetTimestamp();
            if (_lastPrintedAt is { } last && _timeProvider.GetElapsedTime(last, now) < _interval)
            {
                return;
            }

            _lastPrintedAt = now;
            Write(State.Describe(_metrics, _unit));
        }
    }

    /// <summary>Prints the final line with the total time.</summary>
    public void Complete(string outcome)
    {
        lock (_gate)
        {
            Write($"{outcome} | {State.Describe(_metrics, _unit)} | took {ProgressText.FormatDuration(State.Elapsed)}");
        }
    }

    private void Write(string text) => _console.Profile.Out.Writer.WriteLine($"{_description}: {text}");
}
