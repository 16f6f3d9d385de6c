using System.Text.Json.Serialization;

namespace Understudy.ServiceSimulator.Protocol;

/// <summary>The assistant message of a choice.</summary>
public sealed record AssistantMessage([property: JsonPropertyName("content")] string Content)
{
    [JsonPropertyName("role")]
    public string Role => "assistant";

    [JsonPropertyName("refusal")]
    public string? Refusal => null;
}
