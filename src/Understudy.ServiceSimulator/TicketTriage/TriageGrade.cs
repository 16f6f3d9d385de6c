namespace Understudy.ServiceSimulator.TicketTriage;

/// <summary>A score from 0 to 100 with the reason for it and the fields that were wrong.</summary>
public sealed record TriageGrade(int Score, string Reason, IReadOnlyList<string> WrongFields);
