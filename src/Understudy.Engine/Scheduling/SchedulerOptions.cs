using System.Diagnostics.Metrics;

namespace Understudy.Engine.Scheduling;

/// <summary>
/// Settings of a <see cref="ContinuousBatchScheduler"/> (YAML keys <c>max_batch_size</c>, <c>max_queued</c>,
/// <c>prefill_chunk_tokens</c>). Immutable: derive variants with <c>with</c>.
/// </summary>
public sealed record SchedulerOptions
{
    /// <summary>Most sequences running at once (decoding or being prefilled); each holds one KV-cache slot.</summary>
    public int MaxBatchSize { get; init; } = 8;

    /// <summary>
    /// Most requests waiting for a slot. A submission beyond it fails at once with
    /// <see cref="SchedulerQueueFullException"/> instead of growing the queue without limit.
    /// </summary>
    public int MaxQueued { get; init; } = 256;

    /// <summary>
    /// Most prompt tokens prefilled between two decode steps of the running sequences, so a long prompt is prefilled
    /// in chunks and does not stall their decoding.
    /// </summary>
    public int PrefillChunkTokens { get; init; } = 512;

    /// <summary>Positions each cache slot holds at first; slots grow (doubling) up to the model's context.</summary>
    public int InitialCacheTokens { get; init; } = 256;

    /// <summary>Creates the "Understudy.Engine" meter (the DI container's factory in a host); a private meter when null.</summary>
    public IMeterFactory? MeterFactory { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (MaxBatchSize < 1) throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), MaxBatchSize, "max_batch_size must be ≥ 1.");
        if (MaxQueued < 0) throw new ArgumentOutOfRangeException(nameof(MaxQueued), MaxQueued, "max_queued must be ≥ 0.");
        if (PrefillChunkTokens < 1)
            throw new ArgumentOutOfRangeException(nameof(PrefillChunkTokens), PrefillChunkTokens, "prefill_chunk_tokens must be ≥ 1.");
        if (InitialCacheTokens < 1)
            throw new ArgumentOutOfRangeException(nameof(InitialCacheTokens), InitialCacheTokens, "initial_cache_tokens must be ≥ 1.");
    }
}
