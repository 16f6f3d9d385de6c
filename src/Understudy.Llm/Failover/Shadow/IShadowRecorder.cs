namespace Understudy.Llm.Failover.Shadow;

/// <summary>Receives shadow samples (primary and fallback answers to the same live request).</summary>
public interface IShadowRecorder
{
    /// <summary>
    /// Takes one sample. Called on a background task, never on the caller's path; it should return quickly
    /// (buffer and write in batches). An exception is counted in the failover metrics and never reaches the caller.
    /// </summary>
    ValueTask RecordAsync(ShadowSample sample, CancellationToken cancellationToken);
}
