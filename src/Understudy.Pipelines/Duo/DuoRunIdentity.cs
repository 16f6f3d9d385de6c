using Understudy.Core.Configuration;

namespace Understudy.Pipelines.Duo;

/// <summary>
/// How the run is recorded: the effective config's hash and redacted JSON (a restart with the same hash resumes
/// the interrupted run, or the one <c>max_wall_time</c> stopped), and where students go.
/// </summary>
/// <param name="ConfigHash">Hash of the duo config's effective values.</param>
/// <param name="ConfigJson">The config, secrets redacted, as JSON.</param>
/// <param name="ModelsRoot">Folder of the trained students.</param>
/// <param name="ResumeRunId">Resume this run; null = the newest interrupted run with the same name and config hash, if any.</param>
/// <param name="ForceNewRun">Start a new run even when an interrupted one exists (finished steps are still reused from the cache).</param>
public sealed record DuoRunIdentity(string ConfigHash, string ConfigJson, string ModelsRoot, string? ResumeRunId = null, bool ForceNewRun = false)
{
    /// <summary>The config key left out of <see cref="ConfigHashOf"/>.</summary>
    public const string MaxWallTimeKey = "max_wall_time";

    /// <summary>
    /// The hash a run is recorded and found by: the effective config's, without <c>max_wall_time</c>, so a rerun that
    /// only raises the wall-time budget resumes the run that budget stopped (at the step it stopped in).
    /// </summary>
    public static string ConfigHashOf(EffectiveConfig effective)
    {
        ArgumentNullException.ThrowIfNull(effective);
        return new EffectiveConfig([.. effective.Entries.Where(e => e.Key != MaxWallTimeKey)], effective.ConfigPath).Hash;
    }
}
