namespace Understudy.Core.Lineage;

/// <summary>Where a pipeline step stands in the run store.</summary>
public enum StepStatus
{
    /// <summary>Started and not finished: still running, or the process was killed (a rerun resumes it).</summary>
    Running,

    /// <summary>Finished; its outputs are recorded.</summary>
    Succeeded,

    /// <summary>Threw or was cancelled; the error is recorded.</summary>
    Failed,

    /// <summary>Skipped: an earlier step with the same inputs and config succeeded and its outputs were reused.</summary>
    Cached,
}
