using System.Text.Json;

namespace Understudy.Core.Datasets.Import;

/// <summary>
/// Reads a chat from a record field: a list of <c>{role, content}</c> (OpenAI / Hugging Face) or
/// <c>{from, value}</c> (ShareGPT: human, gpt, system), or the same as JSON text (CSV). Content given as a list of
/// parts keeps its text parts. The chat must contain a user turn and end with the assistant's reference answer.
/// </summary>
public static class ChatMessagesParser
{
    private static readonly Dictionary<string, string> Roles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["system"] = "system",
        ["user"] = "user",
        ["assistant"] = "assistant",
        ["tool"] = "tool",
        ["human"] = "user",
        ["gpt"] = "assistant",
        ["model"] = "assistant",
    };

    /// <summary>The turns of <paramref name="value"/>, or null and the problem (naming <paramref name="column"/>).</summary>
    public static (List<ChatTurn>? Messages, string? Problem) Parse(object? value, string column)
    {
        if (value is string json)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(json);
                value = JsonValues.ToPlain(document.RootElement);
            }
            catch (JsonException exception)
            {
                return (null, $"'{column}' is text but not a JSON list of messages: {exception.Message}");
            }
        }
        if (value is not List<object?> items || items.Count == 0)
        {
            return (null, $"'{column}' must be a non-empty list of {{role, content}} messages");
        }
        var messages = new List<ChatTurn>(items.Count);
        for (int index = 0; index < items.Count; index++)
        {
            if (items[index] is not IReadOnlyDictionary<string, object?> item)
            {
                return (null, $"'{column}'[{index}] is not an object with role and content");
            }
            string? role = JsonValues.AsText(item.GetValueOrDefault("role") ?? item.GetValueOrDefault("from"));
            if (role is null || !Roles.TryGetValue(role, out string? normalisedRole))
            {
                return (null, $"'{column}'[{index}] has role '{role ?? "(none)"}'; expected system, user, assistant or tool");
            }
            string? content = ContentText(item.GetValueOrDefault("content") ?? item.GetValueOrDefault("value"));
            if (content is null)
            {
                return (null, $"'{column}'[{index}] ({normalisedRole}) has no text content");
            }
            messages.Add(new ChatTurn(normalisedRole, content));
        }
        if (messages[^1].Role != "assistant" || string.IsNullOrWhiteSpace(messages[^1].Content))
        {
            return (null, $"'{column}' must end with the assistant's reference answer (last role is '{messages[^1].Role}')");
        }
        if (!messages.Any(turn => turn.Role == "user"))
        {
            return (null, $"'{column}' has no user turn");
        }
        return (messages, null);
    }

    private static string? ContentText(object? content) => content switch
    {
        string text => text,
        List<object?> parts => string.Concat(parts.OfType<IReadOnlyDictionary<string, object?>>()
            .Select(part => JsonValues.AsText(part.GetValueOrDefault("text")))),
        _ => JsonValues.AsText(content),
    };
}
