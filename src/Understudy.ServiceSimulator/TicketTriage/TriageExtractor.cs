using Understudy.ServiceSimulator.TicketTriage.Phrasebook;

namespace Understudy.ServiceSimulator.TicketTriage;

/// <summary>
/// Computes the triage of a ticket from its text alone, with the phrasebook's cues and <see cref="TriageRules"/>.
/// On tickets written by <see cref="TicketGenerator"/> it recovers the truth exactly; on other text it applies the
/// same cues, and when several cues of one attribute occur it decides as follows: the earliest problem statement
/// gives the category, the highest stated severity wins, a negative tone outweighs a positive one.
/// </summary>
public static class TriageExtractor
{
    /// <summary>The triage of <paramref name="ticketText"/>.</summary>
    /// <exception cref="TicketNotRecognizedException">No problem statement of a known category was found.</exception>
    public static TriageRecord Triage(string ticketText) => TriageRules.Apply(ReadFacts(ticketText));

    /// <summary>The facts stated in <paramref name="ticketText"/>.</summary>
    /// <exception cref="TicketNotRecognizedException">No problem statement of a known category was found.</exception>
    public static TicketFacts ReadFacts(string ticketText)
    {
        ArgumentNullException.ThrowIfNull(ticketText);
        string text = CueMatcher.Normalize(ticketText);
        IReadOnlyList<TicketCategory> categories = IssuePhrases.ByCategory.FindIn(text);
        if (categories.Count == 0)
        {
            throw new TicketNotRecognizedException(
                "The ticket states no problem this task knows: none of the category cues occurs (" + DescribeCategoryCues() + ").");
        }
        TicketCategory category = categories[0];
        IReadOnlyList<TicketPriority> severities = SeverityPhrases.ByLevel.FindIn(text);
        IReadOnlyList<CustomerTier> tiers = TierPhrases.ByTier.FindIn(text);
        IReadOnlyList<TicketSentiment> tones = SentimentPhrases.ByTone.FindIn(text);
        return new TicketFacts(
            category,
            ProductCatalog.FindIn(text),
            OrderIdPhrases.FindIn(ticketText),
            severities.Count == 0 ? null : severities.Max(),
            tiers.Contains(CustomerTier.Enterprise) ? CustomerTier.Enterprise : tiers.FirstOrDefault(CustomerTier.Unstated),
            tones.Contains(TicketSentiment.Negative) ? TicketSentiment.Negative : tones.FirstOrDefault(TicketSentiment.Neutral),
            HumanRequestPhrases.Requests.FindIn(text).Count > 0,
            category == TicketCategory.Billing && CueMatcher.IndexOf(text, IssuePhrases.RefundCue) >= 0);
    }

    private static string DescribeCategoryCues() => string.Join("; ", IssuePhrases.ByCategory.Keys.Select(key =>
        $"{TriageWireNames.Of(key)}: {string.Join(", ", IssuePhrases.ByCategory.CuesFor(key).Select(cue => $"\"{cue}\""))}"));
}
