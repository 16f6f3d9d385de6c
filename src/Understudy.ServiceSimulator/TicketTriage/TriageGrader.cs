namespace Understudy.ServiceSimulator.TicketTriage;

/// <summary>
/// Scores a triage answer field by field, as the judge of this task:
/// <list type="bullet">
/// <item><b>similarity</b> (to a reference answer): the share of the six fields that agree, minus 5 per key that
/// does not belong in the record;</item>
/// <item><b>precision</b> (against the computed truth): a weighted sum over the fields (category 25, priority 25,
/// needs_human 15, order_id 15, product 10, sentiment 10), minus 10 when the JSON is wrapped in a code fence or
/// other text (the instruction asks for only the object) and minus 5 per extra key.</item>
/// </list>
/// A missing key or a value outside the allowed set counts as wrong. An answer with no JSON object scores 0.
/// Text values compare case-insensitively.
/// </summary>
public static class TriageGrader
{
    private static readonly IReadOnlyDictionary<string, int> PrecisionWeights = new Dictionary<string, int>
    {
        ["category"] = 25,
        ["priority"] = 25,
        ["needs_human"] = 15,
        ["order_id"] = 15,
        ["product"] = 10,
        ["sentiment"] = 10,
    };

    /// <summary>How closely <paramref name="candidate"/> mirrors <paramref name="reference"/>.</summary>
    public static TriageGrade GradeSimilarity(string candidate, TriageRecord reference)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(reference);
        CandidateTriage parsed = CandidateTriage.Parse(candidate);
        if (parsed.Problem is not null)
        {
            return new TriageGrade(0, $"No similarity: {parsed.Problem}.", TriageRecord.FieldNames);
        }
        List<string> wrong = WrongFields(parsed, reference, out List<string> details);
        int fieldCount = TriageRecord.FieldNames.Count;
        int matching = fieldCount - wrong.Count;
        int score = Clamp((int)Math.Round(100.0 * matching / fieldCount) - (5 * parsed.UnexpectedKeys.Count));
        string reason = $"{matching} of {fieldCount} fields match the reference answer"
            + (details.Count == 0 ? "." : "; different: " + string.Join("; ", details) + ".")
            + ExtraKeysNote(parsed);
        return new TriageGrade(score, reason, wrong);
    }

    /// <summary>How accurately <paramref name="candidate"/> answers the ticket whose computed triage is <paramref name="truth"/>.</summary>
    public static TriageGrade GradePrecision(string candidate, TriageRecord truth)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(truth);
        CandidateTriage parsed = CandidateTriage.Parse(candidate);
        if (parsed.Problem is not null)
        {
            return new TriageGrade(0, $"Does not answer the instruction: {parsed.Problem}.", TriageRecord.FieldNames);
        }
        List<string> wrong = WrongFields(parsed, truth, out List<string> details);
        int earned = PrecisionWeights.Where(weight => !wrong.Contains(weight.Key)).Sum(weight => weight.Value);
        int penalty = (parsed.WasWrapped ? 10 : 0) + (5 * parsed.UnexpectedKeys.Count);
        string reason = (wrong.Count == 0
                ? "Every field is correct for this ticket"
                : "Wrong for this ticket: " + string.Join("; ", details))
            + $" ({earned}/100 by field weight)."
            + (parsed.WasWrapped ? " The JSON is wrapped in a code fence or other text (-10)." : "")
            + ExtraKeysNote(parsed);
        return new TriageGrade(Clamp(earned - penalty), reason, wrong);
    }

    private static List<string> WrongFields(CandidateTriage parsed, TriageRecord expected, out List<string> details)
    {
        var wrong = new List<string>();
        details = [];
        foreach (string field in TriageRecord.FieldNames)
        {
            string expectedJson = expected.FieldAsJson(field);
            if (parsed.InvalidFields.TryGetValue(field, out string? problem))
            {
                wrong.Add(field);
                details.Add($"{field} is invalid ({problem}), expected {expectedJson}");
            }
            else if (!parsed.Values.TryGetValue(field, out string? value))
            {
                wrong.Add(field);
                details.Add($"{field} is missing, expected {expectedJson}");
            }
            else if (!Agrees(field, value, expected))
            {
                wrong.Add(field);
                details.Add($"{field} is {AsJson(field, value)}, expected {expectedJson}");
            }
        }
        return wrong;
    }

    private static bool Agrees(string field, string? value, TriageRecord expected)
    {
        string expectedJson = expected.FieldAsJson(field);
        return string.Equals(AsJson(field, value), expectedJson, StringComparison.OrdinalIgnoreCase);
    }

    private static string AsJson(string field, string? value) => value switch
    {
        null => "null",
        _ when field == "needs_human" => value,
        _ => System.Text.Json.JsonSerializer.Serialize(value),
    };

    private static string ExtraKeysNote(CandidateTriage parsed) => parsed.UnexpectedKeys.Count == 0
        ? ""
        : $" Keys that do not belong in the record: {string.Join(", ", parsed.UnexpectedKeys)} (-5 each).";

    private static int Clamp(int score) => Math.Clamp(score, 0, 100);
}
