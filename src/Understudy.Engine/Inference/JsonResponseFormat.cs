using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Understudy.Engine.Inference;

/// <summary>
/// JSON response format for the local engine: the model is instructed to answer with one JSON value (and the schema
/// when given), decoding is grammar-constrained to JSON (<see cref="Generation.Constraints.JsonTokenConstraint"/>),
/// and generation stops as soon as the output holds a complete JSON value. The schema itself is not enforced.
/// </summary>
public static class JsonResponseFormat
{
    /// <summary>Combines the caller's instructions with the JSON instruction (null when neither applies).</summary>
    public static string? Instructions(string? instructions, ChatResponseFormatJson? format)
    {
        if (format is null) return instructions;
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(instructions)) text.AppendLine(instructions);
        text.Append("Respond with a single valid JSON value and nothing else.");
        if (format.Schema is JsonElement schema) text.Append(" It must conform to this JSON schema: ").Append(schema.GetRawText());
        return text.ToString();
    }

    /// <summary>True when <paramref name="text"/>, ignoring leading whitespace, starts with a complete JSON object or array.</summary>
    public static bool IsCompleteValue(string text)
    {
        int depth = 0;
        bool inString = false, escaped = false, started = false;
        foreach (char c in text)
        {
            if (!started)
            {
                if (char.IsWhiteSpace(c)) continue;
                if (c is not ('{' or '[')) return false;
                started = true;
            }
            if (inString)
            {
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') inString = false;
                continue;
            }
            switch (c)
            {
                case '"': inString = true; break;
                case '{' or '[': depth++; break;
                case '}' or ']':
                    if (--depth == 0) return true;
                    break;
            }
        }
        return false;
    }
}
