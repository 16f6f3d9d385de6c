namespace Understudy.Core.Lineage;

/// <summary>What a step produced: its content-addressed outputs and its numeric results.</summary>
public sealed record StepOutcome(IReadOnlyList<ArtifactRef> Outputs, IReadOnlyDictionary<string, double> Metrics);
