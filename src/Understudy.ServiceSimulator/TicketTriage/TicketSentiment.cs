namespace Understudy.ServiceSimulator.TicketTriage;

/// <summary>The customer's tone. Wire names: negative, neutral, positive.</summary>
public enum TicketSentiment
{
    Negative,
    Neutral,
    Positive,
}
