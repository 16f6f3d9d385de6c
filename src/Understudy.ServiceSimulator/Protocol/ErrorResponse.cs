using System.Text.Json.Serialization;

namespace Understudy.ServiceSimulator.Protocol;

/// <summary>An error body in the OpenAI format: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
public sealed record ErrorResponse([property: JsonPropertyName("error")] ErrorDetail Error);
