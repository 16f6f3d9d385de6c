namespace Understudy.ServiceSimulator.Hosting;

/// <summary>A failure the simulator returns on purpose.</summary>
public enum InjectedFault
{
    None,

    /// <summary>HTTP 429 with a Retry-After header.</summary>
    RateLimited,

    /// <summary>HTTP 500.</summary>
    ServerError,
}
