using System.Text.Json.Serialization;

namespace Understudy.ServiceSimulator.Protocol;

/// <summary>One choice of a <see cref="ChatCompletion"/>.</summary>
public sealed record ChatCompletionChoice(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("message")] AssistantMessage Message,
    [property: JsonPropertyName("finish_reason")] string FinishReason);
