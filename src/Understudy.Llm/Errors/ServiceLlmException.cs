namespace Understudy.Llm.Errors;

/// <summary>
/// A service LLM call failed: the provider answered with an error status, timed out, or could not be reached.
/// Carries what the retry policy and the caller need (status, <c>Retry-After</c>, attempts) and never the API key.
/// </summary>
public sealed class ServiceLlmException : Exception
{
    public ServiceLlmException(string message, int? statusCode = null, TimeSpan? retryAfter = null, bool isTransient = false,
        int attempts = 1, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        RetryAfter = retryAfter;
        IsTransient = isTransient;
        Attempts = attempts;
    }

    /// <summary>The HTTP status of the last failed attempt, when the provider answered at all.</summary>
    public int? StatusCode { get; }

    /// <summary>The wait the provider asked for in its last <c>Retry-After</c> header.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True when trying again later may succeed (429, 5xx, timeouts, network errors).</summary>
    public bool IsTransient { get; }

    /// <summary>How many attempts were made before giving up.</summary>
    public int Attempts { get; }
}
