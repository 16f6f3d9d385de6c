using Microsoft.AspNetCore.Http;
using Understudy.Engine.Scheduling;

namespace Understudy.Server.Errors;

/// <summary>Maps what the engine and the HTTP stack throw to the OpenAI error a client should see.</summary>
internal static class EngineErrors
{
    public static OpenAiException Translate(Exception exception) => exception switch
    {
        OpenAiException error => error,
        SchedulerQueueFullException full => OpenAiException.Overloaded(full.Message, (int)Math.Ceiling(full.RetryAfter.TotalSeconds)),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new OpenAiException(413, "invalid_request_error", "request_too_large", null, exception.Message),
        BadHttpRequestException bad => OpenAiException.BadRequest(bad.Message),
        // The engine rejects what it cannot do (prompt longer than the context, unsupported options) with these.
        ArgumentException or NotSupportedException => OpenAiException.BadRequest(exception.Message),
        _ => OpenAiException.ServerError($"The engine failed: {exception.GetType().Name}: {exception.Message}"),
    };
}
