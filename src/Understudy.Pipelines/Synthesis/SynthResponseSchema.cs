using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Understudy.Pipelines.Synthesis;

/// <summary>The JSON schema of a generator answer, sent as <see cref="ChatOptions.ResponseFormat"/> where supported.</summary>
public static class SynthResponseSchema
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""
        {"type": "object", "additionalProperties": false, "required": ["contents"],
         "properties": {"contents": {"type": "array", "items": {
            "type": "object", "additionalProperties": false, "required": ["instruction", "response"],
            "properties": {"instruction": {"type": "string"}, "response": {"type": "string"}}}}}}
        """).RootElement.Clone();

    public static ChatResponseFormat ResponseFormat { get; } =
        ChatResponseFormat.ForJsonSchema(Schema, "synthetic_pairs", "Generated (instruction, response) pairs.");
}
