using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Understudy.Testing;

/// <summary>Writes messages, streamed events and errors the way Anthropic's <c>/v1/messages</c> does.</summary>
internal static class AnthropicWireFormat
{
    public static Task WriteMessageAsync(HttpResponse response, ChatRequest request, ScriptedReply reply, CancellationToken ct)
    {
        var body = new
        {
            id = $"msg_scripted_{request.Sequence}",
            type = "message",
            role = "assistant",
            model = reply.Model ?? request.Model ?? "scripted-model",
            content = new[] { new { type = "text", text = reply.Content } },
            stop_reason = StopReason(reply),
            stop_sequence = (string?)null,
            usage = new { input_tokens = ReplyTokens.Prompt(request, reply), output_tokens = ReplyTokens.Completion(reply) },
        };
        response.ContentType = "application/json";
        return response.WriteAsync(JsonSerializer.Serialize(body), ct);
    }

    public static async Task WriteStreamAsync(HttpResponse response, ChatRequest request, ScriptedReply reply, CancellationToken ct)
    {
        response.ContentType = "text/event-stream";
        var model = reply.Model ?? request.Model ?? "scripted-model";
        await WriteEventAsync(response, "message_start", new
        {
            type = "message_start",
            message = new
            {
                id = $"msg_scripted_{request.Sequence}",
                type = "message",
                role = "assistant",
                model,
                content = Array.Empty<object>(),
                stop_reason = (string?)null,
                stop_sequence = (string?)null,
                usage = new { input_tokens = ReplyTokens.Prompt(request, reply), output_tokens = 0 },
            },
        }, ct);
        await WriteEventAsync(response, "content_block_start",
            new { type = "content_block_start", index = 0, content_block = new { type = "text", text = "" } }, ct);
        foreach (var piece in ReplyTokens.Chunks(reply.Content))
        {
            await WriteEventAsync(response, "content_block_delta",
                new { type = "content_block_delta", index = 0, delta = new { type = "text_delta", text = piece } }, ct);
        }

        await WriteEventAsync(response, "content_block_stop", new { type = "content_block_stop", index = 0 }, ct);
        await WriteEventAsync(response, "message_delta", new
        {
            type = "message_delta",
            delta = new { stop_reason = StopReason(reply), stop_sequence = (string?)null },
            usage = new { output_tokens = ReplyTokens.Completion(reply) },
        }, ct);
        await WriteEventAsync(response, "message_stop", new { type = "message_stop" }, ct);
    }

    public static Task WriteErrorAsync(HttpResponse response, ScriptedReply reply, CancellationToken ct)
    {
        var type = reply.StatusCode switch
        {
            429 => "rate_limit_error",
            401 => "authentication_error",
            529 => "overloaded_error",
            >= 500 => "api_error",
            _ => "invalid_request_error",
        };
        response.ContentType = "application/json";
        return response.WriteAsync(JsonSerializer.Serialize(new { type = "error", error = new { type, message = reply.Content } }), ct);
    }

    private static string StopReason(ScriptedReply reply) => reply.FinishReason == "length" ? "max_tokens" : "end_turn";

    private static async Task WriteEventAsync(HttpResponse response, string name, object payload, CancellationToken ct)
    {
        await response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(payload)}\n\n", ct);
        await response.Body.FlushAsync(ct);
    }
}
