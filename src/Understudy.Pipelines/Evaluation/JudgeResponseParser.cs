using System.Text.Json;
using Understudy.Pipelines.Common;

namespace Understudy.Pipelines.Evaluation;

/// <summary>
/// Validates a judge answer of the form
/// <c>{"similarity_assessment": {"score": 85, "reason": "..."}, "precision_assessment": {"score": 90, "reason": "..."}}</c>.
/// Scores must be JSON integers in 0–100 ("85/100", "85", 85.5 and 140 are malformed); reasons must be non-empty.
/// The object may be wrapped in a code fence or prose.
/// </summary>
public static class JudgeResponseParser
{
    public const string SimilarityKey = "similarity_assessment";
    public const string PrecisionKey = "precision_assessment";

    public static ParseResult<JudgeVerdict> Parse(string? text)
    {
        string? json = JsonText.ExtractObject(text);
        if (json is null)
        {
            return ParseResult<JudgeVerdict>.Malformed("no JSON object in the answer");
        }
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ParseResult<JudgeVerdict>.Malformed("the answer is not a JSON object");
            }
            string? similarityError = ReadAssessment(root, SimilarityKey, out int similarity, out string similarityReason);
            string? precisionError = ReadAssessment(root, PrecisionKey, out int precision, out string precisionReason);
            string? error = similarityError ?? precisionError;
            return error is null
                ? ParseResult<JudgeVerdict>.Ok(new JudgeVerdict(similarity, similarityReason, precision, precisionReason))
                : ParseResult<JudgeVerdict>.Malformed(error);
        }
        catch (JsonException e)
        {
            return ParseResult<JudgeVerdict>.Malformed($"invalid JSON ({e.Message})");
        }
    }

    private static string? ReadAssessment(JsonElement root, string key, out int score, out string reason)
    {
        score = 0;
        reason = "";
        if (!root.TryGetProperty(key, out JsonElement assessment) || assessment.ValueKind != JsonValueKind.Object)
        {
            return $"'{key}' object is missing";
        }
        if (!assessment.TryGetProperty("score", out JsonElement scoreElement))
        {
            return $"'{key}.score' is missing";
        }
        if (scoreElement.ValueKind != JsonValueKind.Number || !scoreElement.TryGetInt32(out score))
        {
            return $"'{key}.score' must be an integer from 0 to 100, got {scoreElement.GetRawText()}";
        }
        if (score is < 0 or > 100)
        {
            return $"'{key}.score' {score} is outside 0-100";
        }
        if (!assessment.TryGetProperty("reason", out JsonElement reasonElement)
            || reasonElement.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(reasonElement.GetString()))
        {
            return $"'{key}.reason' must be a non-empty string";
        }
        reason = reasonElement.GetString()!.Trim();
        return null;
    }
}
