namespace Understudy.Llm.Errors;

/// <summary>What a failed service call tells the retry policy.</summary>
/// <param name="StatusCode">The HTTP status, when the provider answered.</param>
/// <param name="RetryAfter">The wait the provider asked for, if any.</param>
/// <param name="IsTransient">Whether trying again may succeed.</param>
/// <param name="Description">A short description for messages, e.g. "HTTP 429" or "timeout".</param>
public sealed record ServiceFailure(int? StatusCode, TimeSpan? RetryAfter, bool IsTransient, string Description);
