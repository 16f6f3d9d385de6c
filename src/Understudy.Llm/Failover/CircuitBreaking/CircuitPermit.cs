namespace Understudy.Llm.Failover.CircuitBreaking;

/// <summary>
/// Permission for one request to go to the primary, returned by <see cref="CircuitBreaker.TryAcquire"/> and handed
/// back with its outcome. The generation lets the breaker ignore outcomes of requests started before the last
/// transition (a slow request admitted while closed must not re-open a circuit that has since closed again).
/// </summary>
/// <param name="IsProbe">Whether the request is a half-open probe.</param>
/// <param name="Generation">The breaker's transition count when the permit was given.</param>
public readonly record struct CircuitPermit(bool IsProbe, long Generation);
