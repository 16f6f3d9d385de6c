namespace Understudy.Core.Lineage;

/// <summary>One pipeline run (e.g. a <c>duo</c> loop) as the run store holds it.</summary>
/// <param name="Id">Unique id, e.g. <c>duo-20261123-130501-123</c>.</param>
/// <param name="Name">The pipeline's name from its config (runs of the same pipeline share it).</param>
/// <param name="Command">The command that started it.</param>
/// <param name="ConfigHash">Hash of the run's effective configuration.</param>
/// <param name="ConfigJson">The run's configuration (secrets redacted) as JSON.</param>
/// <param name="Outcome">How it ended, e.g. <c>passed</c> or <c>max_iterations</c>; null while running.</param>
/// <param name="Message">Why it ended, in words.</param>
public sealed record RunRecord(
    string Id,
    string Name,
    string Command,
    string ConfigHash,
    string ConfigJson,
    StepStatus Status,
    string? Outcome,
    string? Message,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt)
{
    /// <summary>Wall time of the run (zero while running).</summary>
    public TimeSpan Duration => EndedAt is { } end ? end - StartedAt : TimeSpan.Zero;
}
