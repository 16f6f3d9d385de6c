namespace Understudy.Pipelines.Synthesis;

/// <summary>A generator answer after validation: the usable pairs, and how many entries were unusable and why.</summary>
public sealed record SynthBatch(IReadOnlyList<SynthPair> Pairs, int InvalidPairs, string? FirstInvalidReason);
