namespace Understudy.ServiceSimulator.TicketTriage;

/// <summary>How soon a ticket must be handled, lowest first. Wire names: low, medium, high, urgent.</summary>
public enum TicketPriority
{
    Low,
    Medium,
    High,
    Urgent,
}
