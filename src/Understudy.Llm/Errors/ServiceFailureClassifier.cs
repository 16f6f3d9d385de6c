using System.ClientModel;
using System.Net.Sockets;
using System.Text.Json;
using Anthropic.Exceptions;

namespace Understudy.Llm.Errors;

/// <summary>
/// Recognises the failures of service LLM calls across SDKs (OpenAI's <see cref="ClientResultException"/>, the
/// Anthropic SDK's exceptions, <see cref="HttpRequestException"/>, timeouts, malformed responses) and says
/// whether each is worth retrying. Anything else (a bug, a bad argument) is not a service failure.
/// </summary>
public static class ServiceFailureClassifier
{
    /// <summary>The classification of <paramref name="exception"/>, or null when it is not a service failure.</summary>
    public static ServiceFailure? Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            ServiceLlmException e => new(e.StatusCode, e.RetryAfter, e.IsTransient, Describe(e.StatusCode, "service error")),
            ClientResultException { Status: > 0 } e => FromStatus(e.Status, RetryAfterHeader.From(e.GetRawResponse())),
            ClientResultException => new(null, null, true, "no response (connection failed)"),
            AnthropicApiException e => FromStatus((int)e.StatusCode, null),
            AnthropicIOException => new(null, null, true, "no response (connection failed)"),
            AnthropicInvalidDataException or AnthropicSseException => new(null, null, true, "malformed response"),
            HttpRequestException { StatusCode: { } status } => FromStatus((int)status, null),
            HttpRequestException or IOException or SocketException => new(null, null, true, "no response (connection failed)"),
            TimeoutException => new(null, null, true, "timeout"),
            JsonException => new(null, null, true, "malformed response"),
            _ when exception.InnerException is { } inner => Classify(inner),
            _ => null,
        };
    }

    /// <summary>429, 408, 409, 425 and every 5xx are transient; other statuses are the caller's to fix.</summary>
    public static bool IsTransientStatus(int status) => status is 408 or 409 or 425 or 429 or >= 500;

    private static ServiceFailure FromStatus(int status, TimeSpan? retryAfter) =>
        new(status, retryAfter, IsTransientStatus(status), Describe(status, "service error"));

    private static string Describe(int? status, string fallback) => status switch
    {
        null => fallback,
        429 => "HTTP 429 (rate limited)",
        401 => "HTTP 401 (unauthorized: check the API key)",
        403 => "HTTP 403 (forbidden)",
        404 => "HTTP 404 (not found: check the model name and base URL)",
        >= 500 => $"HTTP {status} (server error)",
        _ => $"HTTP {status}",
    };
}
