namespace Understudy.ServiceSimulator.Requests;

/// <summary>The three things the ticket-triage simulator can do.</summary>
public enum SimulatedRequestKind
{
    /// <summary>Answer a ticket-triage prompt with the triage JSON.</summary>
    Answer,

    /// <summary>Score a candidate answer against a reference answer and the computed truth.</summary>
    Judge,

    /// <summary>Write new (instruction, response) pairs like the seed examples.</summary>
    Synthesise,
}
