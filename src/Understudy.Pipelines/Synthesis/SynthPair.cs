namespace Understudy.Pipelines.Synthesis;

/// <summary>One generated (instruction, response) pair.</summary>
public sealed record SynthPair(string Instruction, string Response);
