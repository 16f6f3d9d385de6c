using Understudy.Server.Errors;

namespace Understudy.Server.Admission;

/// <summary>
/// Bounds the work in the server: at most <c>maxRunning</c> requests generate at once, at most <c>maxQueued</c> wait
/// for a slot, and anything beyond is refused at once with 429 + Retry-After instead of growing a queue without limit.
/// </summary>
public sealed class RequestAdmission
{
    private readonly SemaphoreSlim _slots;
    private readonly int _maxQueued;
    private readonly int _retryAfterSeconds;
    private int _waiting;

    /// <summary>Creates the gate.</summary>
    public RequestAdmission(int maxRunning, int maxQueued, int retryAfterSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRunning, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxQueued);
        _slots = new SemaphoreSlim(maxRunning, maxRunning);
        MaxRunning = maxRunning;
        _maxQueued = maxQueued;
        _retryAfterSeconds = retryAfterSeconds;
    }

    /// <summary>Most requests running at once.</summary>
    public int MaxRunning { get; }

    /// <summary>Requests holding a slot.</summary>
    public int Running => MaxRunning - _slots.CurrentCount;

    /// <summary>Requests waiting for a slot.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Takes a slot (waiting in the queue if needed); dispose the result to give it back.</summary>
    /// <exception cref="OpenAiException">429 when the queue is full.</exception>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (_slots.Wait(0)) return new Slot(_slots);
        if (Interlocked.Increment(ref _waiting) > _maxQueued)
        {
            Interlocked.Decrement(ref _waiting);
            throw OpenAiException.Overloaded(
                $"The server is at capacity ({MaxRunning} running, {_maxQueued} queued); retry after {_retryAfterSeconds} s.", _retryAfterSeconds);
        }
        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        return new Slot(_slots);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release();
        }
    }
}
