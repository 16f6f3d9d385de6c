using System.Text.Json;

namespace Understudy.Core.Runs;

/// <summary>
/// What one command run did: its configuration (secrets redacted), metrics, verdict and timing.
/// Persisted as JSON under <c>&lt;workspace&gt;/runs/</c> by <see cref="RunSummaryStore"/>.
/// </summary>
public sealed record RunSummary
{
    /// <summary>Unique id, also the file name without extension: <c>&lt;command&gt;-&lt;yyyyMMdd-HHmmss-fff&gt;</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The command, e.g. <c>evaluate</c>.</summary>
    public required string Command { get; init; }

    /// <summary>The effective config hash (see <see cref="Configuration.EffectiveConfig.Hash"/>).</summary>
    public required string ConfigHash { get; init; }

    /// <summary>The YAML file given with <c>--from-config</c>, if any.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Every config key and its value, secrets replaced by <c>***</c>.</summary>
    public IReadOnlyDictionary<string, JsonElement> Config { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>Named numeric results, e.g. <c>avg_similarity</c>, <c>rows</c>, <c>cost_usd</c>.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>The command's conclusion when it has one, e.g. <c>pass</c> or <c>fail</c> for an evaluation.</summary>
    public string? Verdict { get; init; }

    /// <summary>Dataset ids (with split) the run read.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>Dataset ids (with split) or paths the run wrote.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];

    /// <summary>How the run ended.</summary>
    public RunStatus Status { get; init; }

    /// <summary>The process exit code the command returned.</summary>
    public int ExitCode { get; init; }

    /// <summary>The error message when the run failed.</summary>
    public string? Error { get; init; }

    /// <summary>When the command started (UTC).</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the command ended (UTC).</summary>
    public DateTimeOffset EndedAt { get; init; }

    /// <summary>Wall-clock time of the run.</summary>
    public TimeSpan Duration => EndedAt - StartedAt;
}
