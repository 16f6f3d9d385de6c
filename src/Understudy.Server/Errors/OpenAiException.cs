namespace Understudy.Server.Errors;

/// <summary>
/// A request failure reported to the client in OpenAI's error shape
/// (<c>{"error": {"message", "type", "param", "code"}}</c>) with <see cref="StatusCode"/>.
/// </summary>
public sealed class OpenAiException : Exception
{
    /// <summary>Creates the error.</summary>
    public OpenAiException(int statusCode, string type, string? code, string? param, string message) : base(message)
    {
        StatusCode = statusCode;
        Type = type;
        Code = code;
        Param = param;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>OpenAI's error type, e.g. <c>invalid_request_error</c>.</summary>
    public string Type { get; }

    /// <summary>A machine-readable code, e.g. <c>model_not_found</c>.</summary>
    public string? Code { get; }

    /// <summary>The request field at fault, when one is.</summary>
    public string? Param { get; }

    /// <summary>Seconds the client should wait before retrying (sent as Retry-After), when known.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>400: the field <paramref name="param"/> is invalid.</summary>
    public static OpenAiException InvalidField(string param, string message, string? code = null) =>
        new(400, "invalid_request_error", code, param, message);

    /// <summary>400 without a single culprit field.</summary>
    public static OpenAiException BadRequest(string message, string? code = null) =>
        new(400, "invalid_request_error", code, null, message);

    /// <summary>401: no key or an unknown key.</summary>
    public static OpenAiException Unauthorized(string message) =>
        new(401, "invalid_request_error", "invalid_api_key", null, message);

    /// <summary>404: the model is not served here.</summary>
    public static OpenAiException ModelNotFound(string requested, string served) =>
        new(404, "invalid_request_error", "model_not_found", "model",
            $"The model '{requested}' does not exist on this server; it serves '{served}'.");

    /// <summary>413: the body exceeds the limit.</summary>
    public static OpenAiException TooLarge(long limit) =>
        new(413, "invalid_request_error", "request_too_large", null,
            $"The request body exceeds this server's limit of {limit} bytes (--max-request-bytes).");

    /// <summary>429: the queue is full.</summary>
    public static OpenAiException Overloaded(string message, int retryAfterSeconds) =>
        new(429, "rate_limit_error", "queue_full", null, message) { RetryAfterSeconds = retryAfterSeconds };

    /// <summary>500: the engine failed; the message names what failed, never the prompt.</summary>
    public static OpenAiException ServerError(string message) => new(500, "server_error", "internal_error", null, message);
}
