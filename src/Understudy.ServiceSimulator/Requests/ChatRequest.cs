using System.Text;
using System.Text.Json;

namespace Understudy.ServiceSimulator.Requests;

/// <summary>
/// The parts of an OpenAI chat-completions request the simulator uses. Message content may be a string or an
/// array of parts (text parts are joined; other parts are refused). Unknown fields (temperature, top_p, ...)
/// are accepted and have no effect: the simulator's answers are computed, not sampled.
/// </summary>
public sealed record ChatRequest(
    string Model,
    IReadOnlyList<(string Role, string Text)> Messages,
    bool Stream,
    bool IncludeUsage,
    ResponseFormat ResponseFormat,
    int ChoiceCount,
    int? MaxTokens,
    long? Seed)
{
    private const int MaxChoices = 16;

    /// <summary>The texts of the user messages, latest first: the prompts the simulator tries to recognise.</summary>
    public IEnumerable<string> UserTextsLatestFirst => Messages.Reverse().Where(message => message.Role == "user").Select(message => message.Text);

    /// <summary>Reads a request body; throws <see cref="SimulatorException"/> (400) naming the bad field.</summary>
    public static ChatRequest Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw SimulatorException.BadRequest("invalid_body", "The request body must be a JSON object.");
        }
        string model = body.TryGetProperty("model", out JsonElement modelElement) && modelElement.ValueKind == JsonValueKind.String
            ? modelElement.GetString()!
            : throw SimulatorException.BadRequest("missing_model", "\"model\" is required and must be a string.", "model");
        if (!body.TryGetProperty("messages", out JsonElement messagesElement) || messagesElement.ValueKind != JsonValueKind.Array
            || messagesElement.GetArrayLength() == 0)
        {
            throw SimulatorException.BadRequest("missing_messages", "\"messages\" is required and must be a non-empty array.", "messages");
        }
        var messages = messagesElement.EnumerateArray().Select((message, index) => ReadMessage(message, index)).ToList();
        int choices = ReadInt(body, "n") ?? 1;
        if (choices is < 1 or > MaxChoices)
        {
            throw SimulatorException.BadRequest("invalid_n", $"\"n\" must be between 1 and {MaxChoices}.", "n");
        }
        int? maxTokens = ReadInt(body, "max_completion_tokens") ?? ReadInt(body, "max_tokens");
        if (maxTokens is < 1)
        {
            throw SimulatorException.BadRequest("invalid_max_tokens", "\"max_tokens\" must be at least 1.", "max_tokens");
        }
        bool stream = body.TryGetProperty("stream", out JsonElement streamElement) && streamElement.ValueKind == JsonValueKind.True;
        bool includeUsage = body.TryGetProperty("stream_options", out JsonElement options) && options.ValueKind == JsonValueKind.Object
            && options.TryGetProperty("include_usage", out JsonElement include) && include.ValueKind == JsonValueKind.True;
        long? seed = body.TryGetProperty("seed", out JsonElement seedElement) && seedElement.ValueKind == JsonValueKind.Number
            ? seedElement.GetInt64()
            : null;
        return new ChatRequest(model, messages, stream, includeUsage, ResponseFormat.Parse(body), choices, maxTokens, seed);
    }

    private static (string Role, string Text) ReadMessage(JsonElement message, int index)
    {
        string param = $"messages[{index}]";
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("role", out JsonElement role) || role.ValueKind != JsonValueKind.String)
        {
            throw SimulatorException.BadRequest("invalid_message", $"{param} must be an object with a string \"role\".", param);
        }
        if (!message.TryGetProperty("content", out JsonElement content) || content.ValueKind == JsonValueKind.Null)
        {
            return (role.GetString()!, "");
        }
        if (content.ValueKind == JsonValueKind.String)
        {
            return (role.GetString()!, content.GetString()!);
        }
        if (content.ValueKind != JsonValueKind.Array)
        {
            throw SimulatorException.BadRequest("invalid_content", $"{param}.content must be a string or an array of parts.", param);
        }
        var text = new StringBuilder();
        foreach (JsonElement part in content.EnumerateArray())
        {
            if (!part.TryGetProperty("type", out JsonElement type) || type.GetString() != "text" || !part.TryGetProperty("text", out JsonElement partText))
            {
                throw SimulatorException.BadRequest("unsupported_content_part",
                    $"{param}.content holds a part that is not text; the ticket-triage simulator reads text only.", param);
            }
            text.Append(partText.GetString());
        }
        return (role.GetString()!, text.ToString());
    }

    private static int? ReadInt(JsonElement body, string name) =>
        body.TryGetProperty(name, out JsonElement element) && element.ValueKind == JsonValueKind.Number
            ? element.TryGetInt32(out int value) ? value : throw SimulatorException.BadRequest($"invalid_{name}", $"\"{name}\" must be an integer.", name)
            : null;
}
