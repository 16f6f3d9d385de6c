namespace Understudy.Llm.Middleware.RateLimiting;

/// <summary>
/// A token bucket that refills continuously at a fixed rate up to its capacity. Callers wait in arrival order
/// until enough tokens are there, then take them. The level may go below zero when a charge is reconciled
/// upwards (<see cref="Adjust"/>): later callers then wait the debt off, so the long-run rate stays exact.
/// </summary>
public sealed class TokenBucket : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _queue = new(1, 1);
    private readonly Lock _lock = new();
    private double _tokens;
    private long _lastRefill;

    /// <param name="capacity">The most tokens the bucket holds (the largest burst); it starts full.</param>
    /// <param name="refillPerSecond">Tokens added per second.</param>
    /// <param name="timeProvider">The clock; null = the system clock.</param>
    public TokenBucket(double capacity, double refillPerSecond, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(capacity, 0);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(refillPerSecond, 0);
        Capacity = capacity;
        RefillPerSecond = refillPerSecond;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _tokens = capacity;
        _lastRefill = _timeProvider.GetTimestamp();
    }

    public double Capacity { get; }

    public double RefillPerSecond { get; }

    /// <summary>Tokens available now (negative while a debt is being paid off).</summary>
    public double Available
    {
        get
        {
            lock (_lock)
            {
                Refill();
                return _tokens;
            }
        }
    }

    /// <summary>
    /// Waits until <paramref name="amount"/> tokens are there (at most <see cref="Capacity"/> are waited for, so a
    /// charge larger than the bucket still passes, leaving a debt) and takes them.
    /// </summary>
    public async ValueTask AcquireAsync(double amount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        var needed = Math.Min(amount, Capacity);
        await _queue.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (_lock)
                {
                    Refill();
                    if (_tokens >= needed)
                    {
                        _tokens -= amount;
                        return;
                    }

                    wait = TimeSpan.FromSeconds((needed - _tokens) / RefillPerSecond);
                }

                await Task.Delay(Max(wait, TimeSpan.FromMilliseconds(1)), _timeProvider, cancellationToken);
            }
        }
        finally
        {
            _queue.Release();
        }
    }

    /// <summary>Gives tokens back (positive) or charges more (negative), e.g. once the real token usage is known.</summary>
    public void Adjust(double delta)
    {
        lock (_lock)
        {
            Refill();
            _tokens = Math.Min(Capacity, _tokens + delta);
        }
    }

    public void Dispose() => _queue.Dispose();

    private void Refill()
    {
        var now = _timeProvider.GetTimestamp();
        var elapsed = _timeProvider.GetElapsedTime(_lastRefill, now);
        _lastRefill = now;
        _tokens = Math.Min(Capacity, _tokens + elapsed.TotalSeconds * RefillPerSecond);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
