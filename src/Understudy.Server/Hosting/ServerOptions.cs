using System.Net;
using Understudy.Server.Requests;
using Understudy.Server.Security;

namespace Understudy.Server.Hosting;

/// <summary>How to run <c>understudy serve</c>. Immutable; <see cref="Validate"/> refuses unsafe combinations.</summary>
public sealed record ServerOptions
{
    /// <summary>The default port.</summary>
    public const int DefaultPort = 8080;

    /// <summary>Address to bind: an IP address or <c>localhost</c>; 0.0.0.0 / :: for every interface.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (read it back from <see cref="UnderstudyServer.BaseUrl"/>).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The accepted API keys; required unless <see cref="NoAuth"/>.</summary>
    public ApiKeyStore? ApiKeys { get; init; }

    /// <summary>Serve without API keys; allowed only on a loopback address.</summary>
    public bool NoAuth { get; init; }

    /// <summary>What one request may ask for.</summary>
    public RequestLimits Limits { get; init; } = new();

    /// <summary>Requests generating at once; more wait in the queue.</summary>
    public int MaxConcurrentRequests { get; init; } = 16;

    /// <summary>Requests waiting for a slot; beyond this a request gets 429 with Retry-After.</summary>
    public int MaxQueuedRequests { get; init; } = 64;

    /// <summary>The Retry-After (seconds) sent with a 429.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Write prompt and completion text into the request log (off: logs carry sizes and timings only).</summary>
    public bool LogPrompts { get; init; }

    /// <summary>Receives one line per request; null for silence.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The address <see cref="Host"/> names.</summary>
    public IPAddress BindAddress => Host == "localhost" ? IPAddress.Loopback
        : IPAddress.TryParse(Host, out IPAddress? address) ? address
        : throw new ArgumentException($"--host '{Host}' is not an IP address; use 127.0.0.1, ::1, 0.0.0.0, an interface's address or localhost.");

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid or unsafe setting.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(Port), Port, "The port must be between 0 and 65535 (0 = any free port).");
        IPAddress address = BindAddress;
        if (NoAuth && !IPAddress.IsLoopback(address))
            throw new ArgumentException($"--no-auth is allowed only on a loopback address (127.0.0.1, ::1, localhost), not on {Host}: "
                + "anyone who can reach the port could use the model. Pass --api-key-file F instead (see docs/serving.md).");
        if (!NoAuth && ApiKeys is null)
            throw new ArgumentException("API keys are required: pass --api-key-file F (one key or sha256:<hex> per line; "
                + "`understudy serve hash-key` makes one), or --no-auth when binding 127.0.0.1.");
        if (MaxConcurrentRequests < 1) throw new ArgumentOutOfRangeException(nameof(MaxConcurrentRequests), MaxConcurrentRequests, "--max-concurrent must be ≥ 1.");
        if (MaxQueuedRequests < 0) throw new ArgumentOutOfRangeException(nameof(MaxQueuedRequests), MaxQueuedRequests, "--max-queued must be ≥ 0.");
        if (RetryAfterSeconds < 0) throw new ArgumentOutOfRangeException(nameof(RetryAfterSeconds), RetryAfterSeconds, "Retry-After cannot be negative.");
        Limits.Validate();
    }
}
