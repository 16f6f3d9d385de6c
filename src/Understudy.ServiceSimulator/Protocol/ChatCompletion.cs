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
