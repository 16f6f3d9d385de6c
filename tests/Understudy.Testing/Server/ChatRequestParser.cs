using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Understudy.Testing;

/// <summary>Turns an OpenAI or Anthropic request body into a <see cref="ChatRequest"/>.</summary>
internal static class ChatRequestParser
{
    public static ChatRequest Parse(int sequence, ScriptedApi api, string rawBody, IHeaderDictionary headers)
    {
        using var document = JsonDocument.Parse(rawBody);
        var body = document.RootElement;
        var messages = new List<ChatMessage>();
        if (api == ScriptedApi.AnthropicMessages && body.TryGetProperty("system", out var system))
        {
            messages.Add(new ChatMessage(ChatRole.System, ReadText(system)));
        }

        if (body.TryGetProperty("messages", out var turns))
        {
            foreach (var turn in turns.EnumerateArray())
            {
                var role = turn.TryGetProperty("role", out var r) ? r.GetString() ?? "user" : "user";
                var content = turn.TryGetProperty("content", out var c) ? ReadText(c) : "";
                messages.Add(new ChatMessage(new ChatRole(role), content));
            }
        }

        return new ChatRequest
        {
            Sequence = sequence,
            Api = api,
            Model = String(body, "model"),
            Messages = messages,
            Stream = body.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True,
            StreamIncludesUsage = body.TryGetProperty("stream_options", out var so)
                && so.TryGetProperty("include_usage", out var iu) && iu.ValueKind == JsonValueKind.True,
            Temperature = Number(body, "temperature"),
            TopP = Number(body, "top_p"),
            TopK = (int?)Number(body, "top_k"),
            MaxTokens = (int?)(Number(body, "max_tokens") ?? Number(body, "max_completion_tokens")),
            Seed = (long?)Number(body, "seed"),
            Stop = ReadStop(body),
            ResponseFormatType = body.TryGetProperty("response_format", out var rf) && rf.ValueKind == JsonValueKind.Object
                ? String(rf, "type")
                : null,
            RawBody = rawBody,
            Headers = headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
        };
    }

    private static string ReadText(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString() ?? "";
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (part.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
            {
                text.Append(t.GetString());
            }
        }

        return text.ToString();
    }

    private static IReadOnlyList<string> ReadStop(JsonElement body)
    {
        foreach (var name in new[] { "stop", "stop_sequences" })
        {
            if (!body.TryGetProperty(name, out var stop))
            {
                continue;
            }

            return stop.ValueKind switch
            {
                JsonValueKind.String => [stop.GetString()!],
                JsonValueKind.Array => stop.EnumerateArray().Select(s => s.GetString() ?? "").ToList(),
                _ => [],
            };
        }

        return [];
    }

    private static string? String(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
