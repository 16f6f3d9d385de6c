namespace Understudy.ServiceSimulator.Requests;

/// <summary>What the simulator answers: the kind of request it recognised and one content string per choice.</summary>
public sealed record SimulatedReply(SimulatedRequestKind Kind, IReadOnlyList<string> Contents);
