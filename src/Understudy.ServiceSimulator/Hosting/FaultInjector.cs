namespace Understudy.ServiceSimulator.Hosting;

/// <summary>
/// Decides, request by request, whether to fail on purpose: with probability <c>failRate</c> a request gets a
/// 429 (rate limited, with Retry-After) or a 500 (server error), half and half. The sequence of decisions is fixed by
/// the seed, so a run with the same requests in the same order fails at the same places.
/// </summary>
public sealed class FaultInjector(double failRate, int seed)
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    /// <summary>The fault to inject into the next request, or <see cref="InjectedFault.None"/>.</summary>
    public InjectedFault Next()
    {
        if (failRate <= 0)
        {
            return InjectedFault.None;
        }
        lock (_gate)
        {
            if (_random.NextDouble() >= failRate)
            {
                return InjectedFault.None;
            }
            return _random.Next(2) == 0 ? InjectedFault.RateLimited : InjectedFault.ServerError;
        }
    }
}
