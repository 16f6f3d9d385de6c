namespace Understudy.ServiceSimulator.Requests;

/// <summary>What a judge prompt shows: the instruction, the reference (human) answer and the candidate (model) answer.</summary>
public sealed record JudgeSections(string Instruction, string Reference, string Candidate);
