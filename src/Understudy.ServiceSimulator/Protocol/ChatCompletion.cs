using System.Text.Json.Serialization;

namespace Understudy.ServiceSimulator.Protocol;

/// <summary>The body of a non-streaming <c>POST /v1/chat/completions</c> response (OpenAI wire format).</summary>
public sealed record ChatCompletion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("choices")] IReadOnlyList<ChatCompletionChoice> Choices,
    [property: JsonPropertyName("usage")] TokenUsage Usage)
{
    [JsonPropertyName("object")]
    public string Object => "chat.completion";

    [JsonPropertyName("system_fingerprint")]
    public string SystemFingerprint => SimulatorModels.SystemFingerprint;
}

/// <summary>One choice of a <see cref="ChatCompletion"/>.</summary>
public sealed record ChatCompletionChoice(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("message")] AssistantMessage Message,
    [property: JsonPropertyName("finish_reason")] string FinishReason);

/// <summary>The assistant message of a choice.</summary>
public sealed record AssistantMessage([property: JsonPropertyName("content")] string Content)
{
    [JsonPropertyName("role")]
    public string Role => "assistant";

    [JsonPropertyName("refusal")]
    public string? Refusal => null;
}
