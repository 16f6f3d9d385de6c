namespace Understudy.ServiceSimulator.TicketTriage;

/// <summary>The JSON spelling of the triage enums, both ways.</summary>
public static class TriageWireNames
{
    /// <summary>Category names, in <see cref="TicketCategory"/> order.</summary>
    public static readonly IReadOnlyList<string> Categories = ["billing", "shipping", "bug", "account", "feature_request"];

    /// <summary>Priority names, lowest first, in <see cref="TicketPriority"/> order.</summary>
    public static readonly IReadOnlyList<string> Priorities = ["low", "medium", "high", "urgent"];

    /// <summary>Sentiment names, in <see cref="TicketSentiment"/> order.</summary>
    public static readonly IReadOnlyList<string> Sentiments = ["negative", "neutral", "positive"];

    public static string Of(TicketCategory category) => Categories[(int)category];

    public static string Of(TicketPriority priority) => Priorities[(int)priority];

    public static string Of(TicketSentiment sentiment) => Sentiments[(int)sentiment];

    /// <summary>Reads a wire name (case-insensitive, trimmed); false for anything else.</summary>
    public static bool TryParseCategory(string? text, out TicketCategory category) => TryParse(Categories, text, out category);

    public static bool TryParsePriority(string? text, out TicketPriority priority) => TryParse(Priorities, text, out priority);

    public static bool TryParseSentiment(string? text, out TicketSentiment sentiment) => TryParse(Sentiments, text, out sentiment);

    private static bool TryParse<TEnum>(IReadOnlyList<string> names, string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        if (text is null)
        {
            return false;
        }
        for (int index = 0; index < names.Count; index++)
        {
            if (string.Equals(names[index], text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = (TEnum)Enum.ToObject(typeof(TEnum), index);
                return true;
            }
        }
        return false;
    }
}
