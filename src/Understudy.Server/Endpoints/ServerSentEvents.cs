using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Understudy.Server.Errors;
using Understudy.Server.Generation;
using Understudy.Server.Protocol;

namespace Understudy.Server.Endpoints;

/// <summary>OpenAI's streaming framing: <c>data: {json}\n\n</c> per event, flushed at once, then <c>data: [DONE]\n\n</c>.</summary>
internal static class ServerSentEvents
{
    public static void Start(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
    }

    public static async Task WriteAsync<T>(HttpResponse response, T body, CancellationToken cancellationToken)
    {
        await response.WriteAsync("data: " + JsonSerializer.Serialize(body, OpenAiJson.Options) + "\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Writes each choice event as a chunk. A failure after the stream has started cannot change the status any more,
    /// so it is sent as an error event (as OpenAI does) and rethrown for the log and metrics.
    /// </summary>
    public static async Task RelayAsync<T>(HttpResponse response, ChoiceFanOut fanOut, Func<ChoiceEvent, T> toChunk, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (ChoiceEvent update in fanOut.Events.ReadAllAsync(cancellationToken))
                await WriteAsync(response, toChunk(update), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            OpenAiException error = EngineErrors.Translate(exception);
            await WriteAsync(response, new ErrorBody(new ErrorBody.Detail(error.Message, error.Type, error.Param, error.Code)), cancellationToken);
            throw;
        }
    }

    public static async Task DoneAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        await response.WriteAsync("data: [DONE]\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
