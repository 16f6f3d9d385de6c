using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Understudy.Testing;

/// <summary>Writes chat completions, streamed chunks and errors the way the OpenAI API does.</summary>
internal static class OpenAiWireFormat
{
    public static Task WriteCompletionAsync(HttpResponse response, ChatRequest request, ScriptedReply reply, CancellationToken ct)
    {
        var prompt = ReplyTokens.Prompt(request, reply);
        var completion = ReplyTokens.Completion(reply);
        var body = new
        {
            id = $"chatcmpl-scripted-{request.Sequence}",
            @object = "chat.completion",
            created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            model = reply.Model ?? request.Model ?? "scripted-model",
            choices = new[]
            {
                new { index = 0, message = new { role = "assistant", content = reply.Content }, finish_reason = reply.FinishReason },
            },
            usage = new { prompt_tokens = prompt, completion_tokens = completion, total_tokens = prompt + completion },
        };
        response.ContentType = "application/json";
        return response.WriteAsync(JsonSerializer.Serialize(body), ct);
    }

    public static async Task WriteStreamAsync(HttpResponse response, ChatRequest request, ScriptedReply reply, CancellationToken ct)
    {
        response.ContentType = "text/event-stream";
        var id = $"chatcmpl-scripted-{request.Sequence}";
        var model = reply.Model ?? request.Model ?? "scripted-model";
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        object Chunk(object delta, string? finish) => new
        {
            id,
            @object = "chat.completion.chunk",
            created,
            model,
            choices = new[] { new { index = 0, delta, finish_reason = finish } },
        };

        await WriteEventAsync(response, Chunk(new { role = "assistant", content = "" }, null), ct);
        foreach (var piece in ReplyTokens.Chunks(reply.Content))
        {
            await WriteEventAsync(response, Chunk(new { content = piece }, null), ct);
        }

        await WriteEventAsync(response, Chunk(new { }, reply.FinishReason), ct);
        if (request.StreamIncludesUsage)
        {
            var prompt = ReplyTokens.Prompt(request, reply);
            var completion = ReplyTokens.Completion(reply);
            await WriteEventAsync(response, new
            {
                id,
                @object = "chat.completion.chunk",
                created,
                model,
                choices = Array.Empty<object>(),
                usage = new { prompt_tokens = prompt, completion_tokens = completion, total_tokens = prompt + completion },
            }, ct);
        }

        await response.WriteAsync("data: [DONE]\n\n", ct);
    }

    public static Task WriteErrorAsync(HttpResponse response, ScriptedReply reply, CancellationToken ct)
    {
        var type = reply.StatusCode == 429 ? "rate_limit_exceeded" : reply.StatusCode >= 500 ? "server_error" : "invalid_request_error";
        response.ContentType = "application/json";
        return response.WriteAsync(JsonSerializer.Serialize(new { error = new { message = reply.Content, type, code = (string?)null } }), ct);
    }

    public static Task WriteModelsAsync(HttpResponse response, IEnumerable<string> models, CancellationToken ct)
    {
        var body = new
        {
            @object = "list",
            data = models.Select(id => new { id, @object = "model", created = 0, owned_by = "understudy-scripted" }),
        };
        response.ContentType = "application/json";
        return response.WriteAsync(JsonSerializer.Serialize(body), ct);
    }

    private static async Task WriteEventAsync(HttpResponse response, object payload, CancellationToken ct)
    {
        await response.WriteAsync($"data: {JsonSerializer.Serialize(payload)}\n\n", ct);
        await response.Body.FlushAsync(ct);
    }
}
