using System.Text.Json.Serialization;

namespace Understudy.Server.Protocol;

/// <summary>One server-sent event of a streaming <c>POST /v1/chat/completions</c> response.</summary>
public sealed record ChatCompletionChunk(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("choices")] IReadOnlyList<ChatCompletionChunk.Choice> Choices,
    [property: JsonPropertyName("usage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Usage? Usage)
{
    /// <summary>Always <c>chat.completion.chunk</c>.</summary>
    [JsonPropertyName("object")]
    public string Object => "chat.completion.chunk";

    /// <summary>Identifies the serving backend.</summary>
    [JsonPropertyName("system_fingerprint")]
    public string SystemFingerprint => ServerIdentity.SystemFingerprint;

    /// <summary>The change to one choice; <see cref="FinishReason"/> is set on its last chunk.</summary>
    public sealed record Choice(
        [property: JsonPropertyName("index")] int Index,
        [property: JsonPropertyName("delta")] Delta Delta,
        [property: JsonPropertyName("finish_reason")] string? FinishReason)
    {
        /// <summary>Log probabilities are not computed.</summary>
        [JsonPropertyName("logprobs")]
        public object? Logprobs => null;
    }

    /// <summary>The role (first chunk of a choice only) and the next piece of content.</summary>
    public sealed record Delta(
        [property: JsonPropertyName("role"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role,
        [property: JsonPropertyName("content"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content);
}
