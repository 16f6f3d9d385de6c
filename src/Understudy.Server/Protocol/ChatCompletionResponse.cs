using System.Text.Json.Serialization;

namespace Understudy.Server.Protocol;

/// <summary>The body of a non-streaming <c>POST /v1/chat/completions</c> response.</summary>
public sealed record ChatCompletionResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("choices")] IReadOnlyList<ChatCompletionResponse.Choice> Choices,
    [property: JsonPropertyName("usage")] Usage Usage)
{
    /// <summary>Always <c>chat.completion</c>.</summary>
    [JsonPropertyName("object")]
    public string Object => "chat.completion";

    /// <summary>Identifies the serving backend.</summary>
    [JsonPropertyName("system_fingerprint")]
    public string SystemFingerprint => ServerIdentity.SystemFingerprint;

    /// <summary>One generated answer.</summary>
    public sealed record Choice(
        [property: JsonPropertyName("index")] int Index,
        [property: JsonPropertyName("message")] AssistantMessage Message,
        [property: JsonPropertyName("finish_reason")] string FinishReason)
    {
        /// <summary>Log probabilities are not computed.</summary>
        [JsonPropertyName("logprobs")]
        public object? Logprobs => null;
    }

    /// <summary>The assistant's message.</summary>
    public sealed record AssistantMessage([property: JsonPropertyName("content")] string Content)
    {
        /// <summary>Always <c>assistant</c>.</summary>
        [JsonPropertyName("role")]
        public string Role => "assistant";

        /// <summary>The local model never refuses by policy.</summary>
        [JsonPropertyName("refusal")]
        public string? Refusal => null;
    }
}
