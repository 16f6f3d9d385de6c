namespace Understudy.ServiceSimulator.TicketTriage;

/// <summary>
/// What a ticket says, before any rule is applied: the attributes the generator writes into the text and the
/// extractor reads back. <see cref="TriageRules"/> turns them into the <see cref="TriageRecord"/>.
/// </summary>
/// <param name="Category">What the problem statement is about.</param>
/// <param name="Product">The catalogue name of the product named, or null.</param>
/// <param name="OrderId">The order quoted, as <c>ORD-123456</c>, or null.</param>
/// <param name="StatedSeverity">The severity the customer states, or null when they state none.</param>
/// <param name="Tier">The plan the customer states.</param>
/// <param name="Sentiment">The customer's tone.</param>
/// <param name="AsksForHuman">The customer asks to talk to a person.</param>
/// <param name="RequestsRefund">The customer asks for a refund.</param>
public sealed record TicketFacts(
    TicketCategory Category,
    string? Product,
    string? OrderId,
    TicketPriority? StatedSeverity,
    CustomerTier Tier,
    TicketSentiment Sentiment,
    bool AsksForHuman,
    bool RequestsRefund);
