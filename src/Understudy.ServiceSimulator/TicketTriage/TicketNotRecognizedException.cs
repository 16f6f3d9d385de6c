namespace Understudy.ServiceSimulator.TicketTriage;

/// <summary>
/// The text does not read as a support ticket of the kind this task covers (for example no problem statement of
/// a known category), so no triage can be computed. The message says what was missing.
/// </summary>
public sealed class TicketNotRecognizedException(string message) : Exception(message);
