using System.Text.Json.Serialization;

namespace Understudy.ServiceSimulator.Protocol;

/// <summary>
/// Token counts of a response. The simulator has no tokenizer: it estimates one token per four characters
/// (rounded up), which is the usual rule of thumb for English text with GPT-style tokenizers.
/// </summary>
public sealed record TokenUsage(
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("completion_tokens")] int CompletionTokens)
{
    [JsonPropertyName("total_tokens")]
    public int TotalTokens => PromptTokens + CompletionTokens;

    /// <summary>The estimated token count of <paramref name="text"/>: characters / 4, rounded up.</summary>
    public static int Estimate(string text) => (text.Length + 3) / 4;
}
