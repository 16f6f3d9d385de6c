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

/// <summary>The change to one choice carried by a chunk; <see cref="FinishReason"/> is set on the last one.</summary>
public sealed record ChunkChoice(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("delta")] ChunkDelta Delta,
    [property: JsonPropertyName("finish_reason")] string? FinishReason);

/// <summary>The role (first chunk only) and the next piece of content.</summary>
public sealed record ChunkDelta(
    [property: JsonPropertyName("role"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role,
    [property: JsonPropertyName("content"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content);
