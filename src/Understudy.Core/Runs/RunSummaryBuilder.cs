using System.Text.Json;
using Understudy.Core.Configuration;

namespace Understudy.Core.Runs;

/// <summary>
/// Collects what a running command wants in its <see cref="RunSummary"/>: metrics, verdict, inputs and
/// outputs. Thread-safe, so parallel workers may record metrics.
/// </summary>
public sealed class RunSummaryBuilder
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, double> _metrics = new(StringComparer.Ordinal);
    private readonly List<string> _inputs = [];
    private readonly List<string> _outputs = [];
    private string? _verdict;

    /// <summary>Starts a summary for a command with its effective configuration.</summary>
    public RunSummaryBuilder(string command, EffectiveConfig effective, DateTimeOffset startedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(effective);
        Command = command;
        Effective = effective;
        StartedAt = startedAt;
    }

    /// <summary>The command name.</summary>
    public string Command { get; }

    /// <summary>The configuration the run uses.</summary>
    public EffectiveConfig Effective { get; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Sets (or replaces) a metric.</summary>
    public RunSummaryBuilder SetMetric(string name, double value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_gate) { _metrics[name] = value; }
        return this;
    }

    /// <summary>Sets the verdict (e.g. <c>pass</c>, <c>fail</c>).</summary>
    public RunSummaryBuilder SetVerdict(string verdict)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(verdict);
        lock (_gate) { _verdict = verdict; }
        return this;
    }

    /// <summary>Records a dataset (or file) the run read.</summary>
    public RunSummaryBuilder AddInput(string input)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(input);
        lock (_gate) { _inputs.Add(input); }
        return this;
    }

    /// <summary>Records a dataset (or file) the run wrote.</summary>
    public RunSummaryBuilder AddOutput(string output)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(output);
        lock (_gate) { _outputs.Add(output); }
        return this;
    }

    /// <summary>The metrics recorded so far.</summary>
    public IReadOnlyDictionary<string, double> Metrics
    {
        get { lock (_gate) { return new Dictionary<string, double>(_metrics, StringComparer.Ordinal); } }
    }

    /// <summary>The verdict recorded so far, or null.</summary>
    public string? Verdict
    {
        get { lock (_gate) { return _verdict; } }
    }

    /// <summary>Completes the summary.</summary>
    public RunSummary Build(RunStatus status, int exitCode, DateTimeOffset endedAt, string? error = null)
    {
        lock (_gate)
        {
            return new RunSummary
            {
                Id = RunSummaryStore.NewId(Command, StartedAt),
                Command = Command,
                ConfigHash = Effective.Hash,
                ConfigPath = Effective.ConfigPath,
                Config = Effective.ToRedactedDictionary().ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value)),
                Metrics = new Dictionary<string, double>(_metrics, StringComparer.Ordinal),
                Verdict = _verdict,
                Inputs = [.. _inputs],
                Outputs = [.. _outputs],
                Status = status,
                ExitCode = exitCode,
                Error = error,
                StartedAt = StartedAt,
                EndedAt = endedAt,
            };
        }
    }
}
