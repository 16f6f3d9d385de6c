namespace Understudy.Pipelines.Common;

/// <summary>
/// What asking a model for structured output came to: the validated value, or the reason it failed after the
/// re-ask budget (malformed answers) or the transport retries (HTTP errors, timeouts), with the last raw text.
/// </summary>
public sealed record StructuredOutcome<T>(
    T? Value,
    string? FailureReason,
    string RawText,
    int Attempts,
    long InputTokens,
    long OutputTokens,
    TimeSpan Latency,
    string ModelId)
    where T : class
{
    public bool Succeeded => Value is not null;
}
