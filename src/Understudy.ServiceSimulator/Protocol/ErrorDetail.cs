using System.Text.Json.Serialization;

namespace Understudy.ServiceSimulator.Protocol;

/// <summary>What went wrong, for people (<see cref="Message"/>) and programs (<see cref="Type"/>, <see cref="Code"/>).</summary>
public sealed record ErrorDetail(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("param")] string? Param,
    [property: JsonPropertyName("code")] string Code);
