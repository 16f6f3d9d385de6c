using System.Text.Json;
using Microsoft.Extensions.AI;
using Understudy.Server.Errors;

namespace Understudy.Server.Requests;

/// <summary>A parsed <c>POST /v1/chat/completions</c> body: the conversation, the response format and the sampling fields.</summary>
internal sealed record ChatCompletionRequest(IReadOnlyList<ChatMessage> Messages, ChatResponseFormat? ResponseFormat, SamplingRequest Sampling)
{
    public static ChatCompletionRequest Parse(JsonElement body, RequestLimits limits, int defaultMaxTokens)
    {
        var sampling = SamplingRequest.Parse(body, limits, defaultMaxTokens);
        return new ChatCompletionRequest(ParseMessages(body), ParseResponseFormat(body), sampling);
    }

    /// <summary>The chat options of choice <paramref name="index"/>.</summary>
    public ChatOptions ToChatOptions(int index)
    {
        ChatOptions options = Sampling.ToChatOptions(index);
        options.ResponseFormat = ResponseFormat;
        return options;
    }

    private static List<ChatMessage> ParseMessages(JsonElement body)
    {
        if (!JsonFields.Present(body, "messages", out JsonElement messages)) throw OpenAiException.InvalidField("messages", "'messages' is required.");
        if (messages.ValueKind != JsonValueKind.Array) throw JsonFields.WrongType("messages", "an array", messages);
        var parsed = new List<ChatMessage>();
        foreach (JsonElement message in messages.EnumerateArray())
        {
            string at = $"messages[{parsed.Count}]";
            if (message.ValueKind != JsonValueKind.Object) throw JsonFields.WrongType(at, "an object", message);
            parsed.Add(new ChatMessage(ParseRole(message, at), ParseContent(message, at)));
        }
        if (parsed.Count == 0) throw OpenAiException.InvalidField("messages", "'messages' must hold at least one message.");
        return parsed;
    }

    private static ChatRole ParseRole(JsonElement message, string at)
    {
        if (!JsonFields.Present(message, "role", out JsonElement role) || role.ValueKind != JsonValueKind.String)
            throw OpenAiException.InvalidField($"{at}.role", $"'{at}.role' is required and must be a string.");
        if (JsonFields.Present(message, "tool_calls", out _))
            throw OpenAiException.InvalidField($"{at}.tool_calls", "Tool calls are not supported by the local engine.");
        return role.GetString() switch
        {
            "system" or "developer" => ChatRole.System,
            "user" => ChatRole.User,
            "assistant" => ChatRole.Assistant,
            var other => throw OpenAiException.InvalidField($"{at}.role",
                $"'{at}.role' is '{other}'; this server accepts system, developer, user and assistant (no tool messages)."),
        };
    }

    private static string ParseContent(JsonElement message, string at)
    {
        if (!JsonFields.Present(message, "content", out JsonElement content)) return "";
        if (content.ValueKind == JsonValueKind.String) return content.GetString()!;
        if (content.ValueKind != JsonValueKind.Array) throw JsonFields.WrongType($"{at}.content", "a string or an array of text parts", content);
        var text = new System.Text.StringBuilder();
        int index = 0;
        foreach (JsonElement part in content.EnumerateArray())
        {
            string partAt = $"{at}.content[{index++}]";
            string? type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out JsonElement t) ? t.GetString() : null;
            if (type != "text" || !part.TryGetProperty("text", out JsonElement partText) || partText.ValueKind != JsonValueKind.String)
                throw OpenAiException.InvalidField(partAt, $"'{partAt}' must be {{\"type\": \"text\", \"text\": \"...\"}}; the local model reads text only.");
            text.Append(partText.GetString());
        }
        return text.ToString();
    }

    private static ChatResponseFormat? ParseResponseFormat(JsonElement body)
    {
        if (!JsonFields.Present(body, "response_format", out JsonElement format)) return null;
        if (format.ValueKind != JsonValueKind.Object) throw JsonFields.WrongType("response_format", "an object", format);
        string? type = format.TryGetProperty("type", out JsonElement t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type)
        {
            case "text":
                return null;
            case "json_object":
                return ChatResponseFormat.Json;
            case "json_schema":
                if (!format.TryGetProperty("json_schema", out JsonElement spec) || spec.ValueKind != JsonValueKind.Object
                    || !spec.TryGetProperty("schema", out JsonElement schema))
                    throw OpenAiException.InvalidField("response_format.json_schema", "'response_format.json_schema.schema' is required for type json_schema.");
                string? name = spec.TryGetProperty("name", out JsonElement n) ? n.GetString() : null;
                return ChatResponseFormat.ForJsonSchema(schema.Clone(), name);
            default:
                throw OpenAiException.InvalidField("response_format.type",
                    $"'response_format.type' is '{type}'; use text, json_object or json_schema.");
        }
    }
}
