namespace Understudy.Llm.Failover.CircuitBreaking;

/// <summary>
/// A thread-safe circuit breaker state machine on a <see cref="TimeProvider"/>:
/// closed → open after <see cref="CircuitBreakerOptions.ConsecutiveFailureThreshold"/> failures in a row or a failure
/// ratio over the sampling window; open → half-open once the break duration has passed (checked lazily when a request
/// asks); half-open admits up to <see cref="CircuitBreakerOptions.HalfOpenMaxProbes"/> probes at once, the first
/// success closes the circuit and any failure opens it again. (Polly's breaker has no consecutive-failure rule and
/// admits a single probe, hence this small machine.)
/// </summary>
public sealed class CircuitBreaker
{
    private readonly Lock _lock = new();
    private readonly Queue<(DateTimeOffset At, bool Failed)> _window = new();
    private readonly CircuitBreakerOptions _options;
    private readonly TimeProvider _timeProvider;
    private CircuitState _state = CircuitState.Closed;
    private DateTimeOffset _openedAt;
    private int _consecutiveFailures;
    private int _probesInFlight;
    private long _generation;

    /// <param name="options">Thresholds and durations (validated here).</param>
    /// <param name="timeProvider">The clock of the break duration and the sampling window; null = the system clock.</param>
    public CircuitBreaker(CircuitBreakerOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Raised after every transition, outside the breaker's lock.</summary>
    public event Action<CircuitStateChange>? StateChanged;

    /// <summary>The current state (an open circuit whose break has passed reports open until a request asks).</summary>
    public CircuitState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>Asks whether a request may go to the primary; when true, hand <paramref name="permit"/> back with its outcome.</summary>
    public bool TryAcquire(out CircuitPermit permit)
    {
        CircuitStateChange? change = null;
        bool allowed;
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            if (_state == CircuitState.Open && now - _openedAt >= _options.BreakDuration)
            {
                change = MoveTo(CircuitState.HalfOpen, $"break of {_options.BreakDuration.TotalSeconds:0.###} s elapsed", now);
            }

            allowed = _state switch
            {
                CircuitState.Closed => true,
                CircuitState.HalfOpen when _probesInFlight < _options.HalfOpenMaxProbes => true,
                _ => false,
            };
            var isProbe = allowed && _state == CircuitState.HalfOpen;
            _probesInFlight += isProbe ? 1 : 0;
            permit = new CircuitPermit(isProbe, _generation);
        }

        Raise(change);
        return allowed;
    }

    /// <summary>Records that the request behind <paramref name="permit"/> succeeded.</summary>
    public void RecordSuccess(CircuitPermit permit) => Record(permit, failureReason: null);

    /// <summary>Records that the request behind <paramref name="permit"/> failed, and why (error, timeout, latency budget).</summary>
    public void RecordFailure(CircuitPermit permit, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Record(permit, reason);
    }

    /// <summary>Hands back a permit whose request ended with no verdict on the primary (the caller cancelled it).</summary>
    public void Release(CircuitPermit permit)
    {
        lock (_lock)
        {
            if (permit.IsProbe && permit.Generation == _generation)
            {
                _probesInFlight--;
            }
        }
    }

    private void Record(CircuitPermit permit, string? failureReason)
    {
        CircuitStateChange? change = null;
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            if (permit.IsProbe && permit.Generation == _generation)
            {
                _probesInFlight--;
                change = failureReason is null
                    ? MoveTo(CircuitState.Closed, "probe succeeded", now)
                    : MoveTo(CircuitState.Open, $"probe failed ({failureReason})", now);
            }
            else if (!permit.IsProbe && permit.Generation == _generation && _state == CircuitState.Closed)
            {
                change = RecordWhileClosed(failureReason, now);
            }
        }

        Raise(change);
    }

    private CircuitStateChange? RecordWhileClosed(string? failureReason, DateTimeOffset now)
    {
        _window.Enqueue((now, failureReason is not null));
        while (_window.Count > 0 && now - _window.Peek().At > _options.SamplingWindow)
        {
            _window.Dequeue();
        }

        if (failureReason is null)
        {
            _consecutiveFailures = 0;
            return null;
        }

        _consecutiveFailures++;
        if (_options.ConsecutiveFailureThreshold > 0 && _consecutiveFailures >= _options.ConsecutiveFailureThreshold)
        {
            return MoveTo(CircuitState.Open, $"{_consecutiveFailures} consecutive failures (last: {failureReason})", now);
        }

        var failures = _window.Count(o => o.Failed);
        var ratio = (double)failures / _window.Count;
        return _options.FailureRatioThreshold > 0 && _window.Count >= _options.MinimumThroughput && ratio >= _options.FailureRatioThreshold
            ? MoveTo(CircuitState.Open, $"{failures} of the last {_window.Count} requests failed (last: {failureReason})", now)
            : null;
    }

    private CircuitStateChange MoveTo(CircuitState to, string reason, DateTimeOffset now)
    {
        var change = new CircuitStateChange(_state, to, reason, now);
        _state = to;
        _generation++;
        _probesInFlight = 0;
        _consecutiveFailures = 0;
        _window.Clear();
        if (to == CircuitState.Open)
        {
            _openedAt = now;
        }

        return change;
    }

    private void Raise(CircuitStateChange? change)
    {
        if (change is not null)
        {
            StateChanged?.Invoke(change);
        }
    }
}
