namespace Understudy.Engine.Scheduling;

/// <summary>
/// A point-in-time view of a <see cref="ContinuousBatchScheduler"/>. The same figures are published as
/// System.Diagnostics.Metrics instruments on the meter <see cref="ContinuousBatchScheduler.MeterName"/>.
/// </summary>
public sealed record SchedulerMetrics
{
    /// <summary>Requests waiting for a slot.</summary>
    public int QueueDepth { get; init; }

    /// <summary>Sequences holding a slot (decoding or being prefilled): the running batch.</summary>
    public int RunningSequences { get; init; }

    /// <summary>The configured most running sequences.</summary>
    public int MaxBatchSize { get; init; }

    /// <summary>The configured queue capacity.</summary>
    public int MaxQueued { get; init; }

    /// <summary>Requests accepted into the queue.</summary>
    public long RequestsAdmitted { get; init; }

    /// <summary>Submissions refused because the queue was full.</summary>
    public long RequestsRejected { get; init; }

    /// <summary>Sequences that ended normally (EOS, stop string or length).</summary>
    public long RequestsCompleted { get; init; }

    /// <summary>Sequences cancelled by their caller (while queued or running).</summary>
    public long RequestsCancelled { get; init; }

    /// <summary>Sequences ended by an error of the engine.</summary>
    public long RequestsFailed { get; init; }

    /// <summary>Prompt tokens prefilled.</summary>
    public long PromptTokens { get; init; }

    /// <summary>Tokens generated (EOS not counted).</summary>
    public long GeneratedTokens { get; init; }

    /// <summary>Decode steps run (each feeds one token of every decoding sequence).</summary>
    public long DecodeSteps { get; init; }

    /// <summary>Prefill chunks run.</summary>
    public long PrefillChunks { get; init; }

    /// <summary>Mean time from submission to the first generated token; null before any.</summary>
    public TimeSpan? MeanTimeToFirstToken { get; init; }

    /// <summary>Mean time between a sequence's output tokens after the first; null before any.</summary>
    public TimeSpan? MeanTimePerOutputToken { get; init; }

    /// <summary>Generated tokens per second over the last few seconds (0 when idle).</summary>
    public double GeneratedTokensPerSecond { get; init; }
}
