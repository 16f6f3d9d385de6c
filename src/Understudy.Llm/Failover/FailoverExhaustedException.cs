namespace Understudy.Llm.Failover;

/// <summary>Both the primary and the fallback failed the same request.</summary>
public sealed class FailoverExhaustedException : Exception
{
    /// <summary>Creates the exception; the fallback's error is the inner exception.</summary>
    public FailoverExhaustedException(Exception primaryException, Exception fallbackException)
        : base($"The primary failed ({primaryException?.Message}) and the fallback failed too ({fallbackException?.Message}).", fallbackException)
    {
        ArgumentNullException.ThrowIfNull(primaryException);
        ArgumentNullException.ThrowIfNull(fallbackException);
        PrimaryException = primaryException;
        FallbackException = fallbackException;
    }

    /// <summary>Why the primary failed.</summary>
    public Exception PrimaryException { get; }

    /// <summary>Why the fallback failed.</summary>
    public Exception FallbackException { get; }
}
