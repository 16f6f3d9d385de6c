namespace Understudy.ServiceSimulator.Hosting;

/// <summary>How to run the service simulator. Immutable; the defaults suit the bundled example.</summary>
public sealed record ServiceSimulatorOptions
{
    /// <summary>The default port of <c>understudy simulate-service</c> and of the example configs.</summary>
    public const int DefaultPort = 8089;

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one (read it back from <see cref="ServiceSimulatorServer.BaseUrl"/>).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Probability (0–1) that a chat-completions request fails on purpose with a 429 or a 500, to exercise retries.</summary>
    public double FailRate { get; init; }

    /// <summary>Seeds the injected faults, the student simulator's mistakes and the synthesised tickets.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Probability (0–1) with which the student simulator gets each triage field wrong.</summary>
    public double StudentErrorRate { get; init; } = 0.15;

    /// <summary>The Retry-After (seconds) sent with an injected 429.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Receives one line per request (method, path, kind, status, time); null for silence.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "The port must be between 0 and 65535 (0 = any free port).");
        }
        if (FailRate is < 0 or > 1 || double.IsNaN(FailRate))
        {
            throw new ArgumentOutOfRangeException(nameof(FailRate), FailRate, "The fail rate is a probability between 0 and 1.");
        }
        if (StudentErrorRate is < 0 or > 1 || double.IsNaN(StudentErrorRate))
        {
            throw new ArgumentOutOfRangeException(nameof(StudentErrorRate), StudentErrorRate, "The student error rate is a probability between 0 and 1.");
        }
        if (RetryAfterSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryAfterSeconds), RetryAfterSeconds, "Retry-After cannot be negative.");
        }
    }
}
