using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Understudy.ServiceSimulator.Protocol;
using Understudy.ServiceSimulator.Requests;

namespace Understudy.ServiceSimulator.Hosting;

/// <summary>
/// <c>POST /v1/chat/completions</c>: injects a fault when the <see cref="FaultInjector"/> says so, reads the
/// request, lets the <see cref="TicketTriageSimulator"/> compute the reply and sends it as one JSON body or as
/// server-sent events. <c>max_tokens</c> is honoured by cutting the content at four characters per token
/// (finish_reason "length").
/// </summary>
internal sealed class ChatCompletionsEndpoint(TicketTriageSimulator simulator, FaultInjector faults, ServiceSimulatorOptions options)
{
    private const int StreamPieceLength = 16;

    public async Task HandleAsync(HttpContext context)
    {
        CancellationToken cancellationToken = context.RequestAborted;
        var clock = Stopwatch.StartNew();
        string outcome;
        try
        {
            InjectFault(context.Response);
            ChatRequest request = await ReadRequestAsync(context.Request, cancellationToken);
            SimulatedReply reply = simulator.Respond(request);
            await SendAsync(context.Response, request, reply, cancellationToken);
            outcome = $"{request.Model} {reply.Kind.ToString().ToLowerInvariant()}{(request.Stream ? " (stream)" : "")} -> 200";
        }
        catch (SimulatorException error)
        {
            await OpenAiResponses.WriteErrorAsync(context.Response, error, cancellationToken);
            outcome = $"-> {error.StatusCode} {error.Code}";
        }
        options.Log?.Invoke($"POST /v1/chat/completions {outcome} in {clock.ElapsedMilliseconds} ms");
    }

    private void InjectFault(HttpResponse response)
    {
        switch (faults.Next())
        {
            case InjectedFault.RateLimited:
                response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                throw new SimulatorException(429, "rate_limit_exceeded",
                    $"Injected fault (--fail-rate {options.FailRate}): rate limited, retry after {options.RetryAfterSeconds} s.");
            case InjectedFault.ServerError:
                throw new SimulatorException(500, "server_error", $"Injected fault (--fail-rate {options.FailRate}): internal server error.");
        }
    }

    private static async Task<ChatRequest> ReadRequestAsync(HttpRequest httpRequest, CancellationToken cancellationToken)
    {
        try
        {
            using JsonDocument body = await JsonDocument.ParseAsync(httpRequest.Body, cancellationToken: cancellationToken);
            return ChatRequest.Parse(body.RootElement);
        }
        catch (JsonException exception)
        {
            throw SimulatorException.BadRequest("invalid_json", $"The request body is not valid JSON: {exception.Message}");
        }
    }

    private static async Task SendAsync(HttpResponse response, ChatRequest request, SimulatedReply reply, CancellationToken cancellationToken)
    {
        string id = "chatcmpl-sim-" + Guid.NewGuid().ToString("N")[..24];
        long created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var choices = reply.Contents.Select(content => Truncate(content, request.MaxTokens)).ToList();
        var usage = new TokenUsage(
            request.Messages.Sum(message => TokenUsage.Estimate(message.Text)),
            choices.Sum(choice => TokenUsage.Estimate(choice.Content)));
        if (!request.Stream)
        {
            var completion = new ChatCompletion(id, created, request.Model,
                choices.Select((choice, index) => new ChatCompletionChoice(index, new AssistantMessage(choice.Content), choice.FinishReason)).ToList(),
                usage);
            await OpenAiResponses.WriteJsonAsync(response, 200, completion, cancellationToken);
            return;
        }
        response.StatusCode = 200;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        for (int index = 0; index < choices.Count; index++)
        {
            await WriteEventAsync(response, Chunk(id, created, request.Model, new ChunkChoice(index, new ChunkDelta("assistant", ""), null)), cancellationToken);
            string content = choices[index].Content;
            for (int start = 0; start < content.Length; start += StreamPieceLength)
            {
                string piece = content.Substring(start, Math.Min(StreamPieceLength, content.Length - start));
                await WriteEventAsync(response, Chunk(id, created, request.Model, new ChunkChoice(index, new ChunkDelta(null, piece), null)), cancellationToken);
            }
            await WriteEventAsync(response, Chunk(id, created, request.Model, new ChunkChoice(index, new ChunkDelta(null, null), choices[index].FinishReason)), cancellationToken);
        }
        if (request.IncludeUsage)
        {
            await WriteEventAsync(response, new ChatCompletionChunk(id, created, request.Model, [], usage), cancellationToken);
        }
        await response.WriteAsync("data: [DONE]\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static ChatCompletionChunk Chunk(string id, long created, string model, ChunkChoice choice) =>
        new(id, created, model, [choice], null);

    private static async Task WriteEventAsync(HttpResponse response, ChatCompletionChunk chunk, CancellationToken cancellationToken)
    {
        await response.WriteAsync("data: " + JsonSerializer.Serialize(chunk, SimulatorJson.SerializerOptions) + "\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static (string Content, string FinishReason) Truncate(string content, int? maxTokens)
    {
        int? limit = maxTokens * 4;
        return limit is { } characters && content.Length > characters ? (content[..characters], "length") : (content, "stop");
    }
}
