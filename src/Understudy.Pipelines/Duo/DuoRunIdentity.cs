namespace Understudy.Pipelines.Duo;

/// <summary>
/// How the run is recorded: the effective config's hash and redacted JSON (a restart with the same hash resumes
/// the interrupted run), and where students go.
/// </summary>
/// <param name="ConfigHash">Hash of the duo config's effective values.</param>
/// <param name="ConfigJson">The config, secrets redacted, as JSON.</param>
/// <param name="ModelsRoot">Folder of the trained students.</param>
/// <param name="ResumeRunId">Resume this run; null = the newest interrupted run with the same name and config hash, if any.</param>
/// <param name="ForceNewRun">Start a new run even when an interrupted one exists (finished steps are still reused from the cache).</param>
public sealed record DuoRunIdentity(string ConfigHash, string ConfigJson, string ModelsRoot, string? ResumeRunId = null, bool ForceNewRun = false);
