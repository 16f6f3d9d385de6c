using System.Text.Json.Serialization;

namespace Understudy.Server.Protocol;

/// <summary>
/// The body of <c>POST /v1/completions</c>, and (with <see cref="Usage"/> null unless asked) each streamed chunk of it;
/// OpenAI uses the same object, <c>text_completion</c>, for both.
/// </summary>
public sealed record TextCompletionResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("choices")] IReadOnlyList<TextCompletionResponse.Choice> Choices,
    [property: JsonPropertyName("usage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Usage? Usage)
{
    /// <summary>Always <c>text_completion</c>.</summary>
    [JsonPropertyName("object")]
    public string Object => "text_completion";

    /// <summary>Identifies the serving backend.</summary>
    [JsonPropertyName("system_fingerprint")]
    public string SystemFingerprint => ServerIdentity.SystemFingerprint;

    /// <summary>One continuation (or, streamed, the next piece of one).</summary>
    public sealed record Choice(
        [property: JsonPropertyName("index")] int Index,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("finish_reason")] string? FinishReason)
    {
        /// <summary>Log probabilities are not computed.</summary>
        [JsonPropertyName("logprobs")]
        public object? Logprobs => null;
    }
}
