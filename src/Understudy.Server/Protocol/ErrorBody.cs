using System.Text.Json.Serialization;

namespace Understudy.Server.Protocol;

/// <summary>OpenAI's error body: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
public sealed record ErrorBody([property: JsonPropertyName("error")] ErrorBody.Detail Error)
{
    /// <summary>What went wrong, for people (<see cref="Message"/>) and programs (<see cref="Type"/>, <see cref="Code"/>).</summary>
    public sealed record Detail(
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("param")] string? Param,
        [property: JsonPropertyName("code")] string? Code);
}
