using System.Text.Json;

namespace Understudy.ServiceSimulator.TicketTriage;

/// <summary>
/// The triage of one support ticket: the answer the task asks for. Its JSON form
/// (<see cref="ToJson"/>) is one line with the keys in this order:
/// <c>{"category":…,"priority":…,"product":…|null,"order_id":…|null,"sentiment":…,"needs_human":bool}</c>.
/// </summary>
public sealed record TriageRecord(
    TicketCategory Category,
    TicketPriority Priority,
    string? Product,
    string? OrderId,
    TicketSentiment Sentiment,
    bool NeedsHuman)
{
    /// <summary>The JSON keys, in the order <see cref="ToJson"/> writes them.</summary>
    public static readonly IReadOnlyList<string> FieldNames =
        ["category", "priority", "product", "order_id", "sentiment", "needs_human"];

    /// <summary>The canonical one-line JSON object.</summary>
    public string ToJson()
    {
        return SimulatorJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("category", TriageWireNames.Of(Category));
            writer.WriteString("priority", TriageWireNames.Of(Priority));
            writer.WriteString("product", Product);
            writer.WriteString("order_id", OrderId);
            writer.WriteString("sentiment", TriageWireNames.Of(Sentiment));
            writer.WriteBoolean("needs_human", NeedsHuman);
            writer.WriteEndObject();
        });
    }

    /// <summary>The value of one field as a JSON literal (for reasons and comparisons).</summary>
    public string FieldAsJson(string fieldName) => fieldName switch
    {
        "category" => Quote(TriageWireNames.Of(Category)),
        "priority" => Quote(TriageWireNames.Of(Priority)),
        "product" => Product is null ? "null" : Quote(Product),
        "order_id" => OrderId is null ? "null" : Quote(OrderId),
        "sentiment" => Quote(TriageWireNames.Of(Sentiment)),
        "needs_human" => NeedsHuman ? "true" : "false",
        _ => throw new ArgumentOutOfRangeException(nameof(fieldName), fieldName, "Not a triage field."),
    };

    /// <summary>
    /// Reads a complete triage JSON object (every key present, every value valid). Returns false with the
    /// first problem found; use <see cref="TriageGrader"/> to score imperfect answers instead.
    /// </summary>
    public static bool TryParse(string json, out TriageRecord? record, out string problem)
    {
        ArgumentNullException.ThrowIfNull(json);
        record = null;
        CandidateTriage candidate = CandidateTriage.Parse(json);
        if (candidate.Problem is not null)
        {
            problem = candidate.Problem;
            return false;
        }
        string? invalid = FieldNames.FirstOrDefault(name => !candidate.Values.ContainsKey(name));
        if (invalid is not null)
        {
            problem = $"the key \"{invalid}\" is missing or its value is not valid";
            return false;
        }
        var values = candidate.Values;
        TriageWireNames.TryParseCategory(values["category"], out var category);
        TriageWireNames.TryParsePriority(values["priority"], out var priority);
        TriageWireNames.TryParseSentiment(values["sentiment"], out var sentiment);
        record = new TriageRecord(category, priority, values["product"], values["order_id"], sentiment,
            values["needs_human"] == "true");
        problem = "";
        return true;
    }

    private static string Quote(string text) => JsonSerializer.Serialize(text);
}
