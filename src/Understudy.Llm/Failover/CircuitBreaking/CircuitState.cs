namespace Understudy.Llm.Failover.CircuitBreaking;

/// <summary>The state of a <see cref="CircuitBreaker"/>; the numeric value is what the state gauge reports.</summary>
public enum CircuitState
{
    /// <summary>The primary is healthy: every request goes to it.</summary>
    Closed = 0,

    /// <summary>The break is over: a limited number of probe requests go to the primary; one success closes the circuit.</summary>
    HalfOpen = 1,

    /// <summary>The primary is failing: every request goes to the fallback until the break duration has passed.</summary>
    Open = 2,
}
