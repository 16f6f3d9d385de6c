using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Understudy.Pipelines.Evaluation;

/// <summary>The JSON schema of a judge answer, sent as <see cref="ChatOptions.ResponseFormat"/> where the provider supports it.</summary>
public static class JudgeResponseSchema
{
    private const string Assessment = """
        {"type": "object", "additionalProperties": false, "required": ["score", "reason"],
         "properties": {"score": {"type": "integer", "minimum": 0, "maximum": 100}, "reason": {"type": "string"}}}
        """;

    private static readonly JsonElement Schema = JsonDocument.Parse($$$"""
        {"type": "object", "additionalProperties": false, "required": ["similarity_assessment", "precision_assessment"],
         "properties": {"similarity_assessment": {{{Assessment}}}, "precision_assessment": {{{Assessment}}}}}
        """).RootElement.Clone();

    public static ChatResponseFormat ResponseFormat { get; } =
        ChatResponseFormat.ForJsonSchema(Schema, "judgement", "Similarity and precision scores (0-100) with reasons.");
}
