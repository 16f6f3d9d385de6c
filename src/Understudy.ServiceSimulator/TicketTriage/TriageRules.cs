namespace Understudy.ServiceSimulator.TicketTriage;

/// <summary>
/// The triage policy, the one place where facts become a verdict:
/// <list type="bullet">
/// <item>priority = the stated severity (medium when none is stated), one level higher for Enterprise customers, at most urgent;</item>
/// <item>needs_human = priority is urgent, or the customer asks for a person, or asks for a refund;</item>
/// <item>category, product, order id and sentiment are reported as stated.</item>
/// </list>
/// The same wording is in the task instruction (<see cref="TriagePrompt"/>), so a real LLM can follow it too.
/// </summary>
public static class TriageRules
{
    public static TriageRecord Apply(TicketFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        TicketPriority priority = facts.StatedSeverity ?? TicketPriority.Medium;
        if (facts.Tier == CustomerTier.Enterprise && priority < TicketPriority.Urgent)
        {
            priority++;
        }
        bool needsHuman = priority == TicketPriority.Urgent || facts.AsksForHuman || facts.RequestsRefund;
        return new TriageRecord(facts.Category, priority, facts.Product, facts.OrderId, facts.Sentiment, needsHuman);
    }
}
