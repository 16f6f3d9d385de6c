using System.Text.Json;
using Understudy.Pipelines.Common;

namespace Understudy.Pipelines.Synthesis;

/// <summary>
/// Validates a generator answer <c>{"contents": [{"instruction": "...", "response": "..."}, ...]}</c>. An entry
/// missing a field is skipped and counted (the rest of the batch is kept); an answer with no usable pair at all,
/// or that is not this JSON, is malformed.
/// </summary>
public static class SynthResponseParser
{
    public static ParseResult<SynthBatch> Parse(string? text)
    {
        string? json = JsonText.ExtractObject(text);
        if (json is null)
        {
            return ParseResult<SynthBatch>.Malformed("no JSON object in the answer");
        }
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("contents", out JsonElement contents)
                || contents.ValueKind != JsonValueKind.Array)
            {
                return ParseResult<SynthBatch>.Malformed("'contents' array is missing");
            }
            var pairs = new List<SynthPair>();
            int invalid = 0;
            string? firstReason = null;
            int index = 0;
            foreach (JsonElement entry in contents.EnumerateArray())
            {
                string? instruction = Text(entry, "instruction"), response = Text(entry, "response");
                if (instruction is null || response is null)
                {
                    invalid++;
                    firstReason ??= $"contents[{index}] needs non-empty string 'instruction' and 'response'";
                }
                else
                {
                    pairs.Add(new SynthPair(instruction, response));
                }
                index++;
            }
            return pairs.Count > 0
                ? ParseResult<SynthBatch>.Ok(new SynthBatch(pairs, invalid, firstReason))
                : ParseResult<SynthBatch>.Malformed(firstReason ?? "'contents' is empty");
        }
        catch (JsonException e)
        {
            return ParseResult<SynthBatch>.Malformed($"invalid JSON ({e.Message})");
        }
    }

    private static string? Text(JsonElement entry, string name) =>
        entry.ValueKind == JsonValueKind.Object
        && entry.TryGetProperty(name, out JsonElement value)
        && value.ValueKind == JsonValueKind.String
        && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;
}
