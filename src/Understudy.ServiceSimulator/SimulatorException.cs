namespace Understudy.ServiceSimulator;

/// <summary>
/// A request the simulator refuses, with the HTTP status and the OpenAI error <c>type</c>/<c>code</c>/<c>param</c>
/// to answer with. The message tells the caller what to change.
/// </summary>
public sealed class SimulatorException(int statusCode, string code, string message, string? param = null) : Exception(message)
{
    /// <summary>The HTTP status to answer with.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>The OpenAI error <c>code</c>, e.g. <c>unsupported_request</c>.</summary>
    public string Code { get; } = code;

    /// <summary>The request field at fault, e.g. <c>messages</c>; null when none is.</summary>
    public string? Param { get; } = param;

    /// <summary>The OpenAI error type for the status: invalid_request_error for 4xx, server_error otherwise.</summary>
    public string ErrorType => StatusCode switch
    {
        404 => "invalid_request_error",
        429 => "rate_limit_error",
        < 500 => "invalid_request_error",
        _ => "server_error",
    };

    /// <summary>A 400 with the given code and message.</summary>
    public static SimulatorException BadRequest(string code, string message, string? param = null) => new(400, code, message, param);
}
