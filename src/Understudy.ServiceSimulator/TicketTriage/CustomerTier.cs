namespace Understudy.ServiceSimulator.TicketTriage;

/// <summary>The customer's plan as the ticket states it; only <see cref="Enterprise"/> changes the triage (priority +1).</summary>
public enum CustomerTier
{
    Unstated,
    Free,
    Pro,
    Enterprise,
}
