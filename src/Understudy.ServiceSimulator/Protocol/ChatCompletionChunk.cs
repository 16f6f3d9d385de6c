using System.Text.Json.Serialization;

namespace Understudy.ServiceSimulator.Protocol;

/// <summary>One server-sent event of a streaming <c>POST /v1/chat/completions</c> response (OpenAI wire format).</summary>
public sealed record ChatCompletionChunk(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("choices")] IReadOnlyList<ChunkChoice> Choices,
    [property: JsonPropertyName("usage")] TokenUsage? Usage)
{
    [JsonPropertyName("object")]
    public string Object => "chat.completion.chunk";

    [JsonPropertyName("system_fingerprint")]
    public string SystemFingerprint => SimulatorModels.SystemFingerprint;
}
