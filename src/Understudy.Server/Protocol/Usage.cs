using System.Text.Json.Serialization;

namespace Understudy.Server.Protocol;

/// <summary>Token counts of a response, counted by the served model's tokenizer.</summary>
public sealed record Usage(
    [property: JsonPropertyName("prompt_tokens")] long PromptTokens,
    [property: JsonPropertyName("completion_tokens")] long CompletionTokens)
{
    /// <summary>Prompt plus completion tokens.</summary>
    [JsonPropertyName("total_tokens")]
    public long TotalTokens => PromptTokens + CompletionTokens;
}
