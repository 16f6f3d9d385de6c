namespace Understudy.ServiceSimulator.TicketTriage;

/// <summary>A ticket written by <see cref="TicketGenerator"/>: its text, the facts it was written from, and the truth.</summary>
public sealed record GeneratedTicket(string Text, TicketFacts Facts, TriageRecord Truth);
