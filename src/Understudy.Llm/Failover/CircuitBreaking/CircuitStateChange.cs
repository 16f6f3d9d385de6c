namespace Understudy.Llm.Failover.CircuitBreaking;

/// <summary>One transition of a <see cref="CircuitBreaker"/>.</summary>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="Reason">Why, in words: "5 consecutive failures (last: timeout)", "break of 30 s elapsed", "probe succeeded".</param>
/// <param name="At">When, on the breaker's clock.</param>
public sealed record CircuitStateChange(CircuitState From, CircuitState To, string Reason, DateTimeOffset At);
