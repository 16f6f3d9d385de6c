namespace Understudy.Engine.Scheduling;

/// <summary>
/// Thrown at submission when <see cref="SchedulerOptions.MaxQueued"/> requests already wait: the request was not
/// queued. A server answers 429 with a <c>Retry-After</c> of <see cref="RetryAfter"/>.
/// </summary>
public sealed class SchedulerQueueFullException : InvalidOperationException
{
    /// <summary>Creates the exception for a queue of <paramref name="maxQueued"/> with a suggested wait.</summary>
    public SchedulerQueueFullException(int maxQueued, TimeSpan retryAfter)
        : base($"The generation queue is full ({maxQueued} requests waiting, max_queued); retry after {Math.Ceiling(retryAfter.TotalSeconds):F0} s, " +
               "or raise max_queued / max_batch_size.")
    {
        MaxQueued = maxQueued;
        RetryAfter = retryAfter;
    }

    /// <summary>The queue capacity that was reached.</summary>
    public int MaxQueued { get; }

    /// <summary>How long the caller should wait before retrying (whole seconds, estimated from recent throughput).</summary>
    public TimeSpan RetryAfter { get; }
}
