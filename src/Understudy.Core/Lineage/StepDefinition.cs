namespace Understudy.Core.Lineage;

/// <summary>
/// A step about to run: who it is, the hash of its effective config and its content-addressed inputs. Together
/// they make the <see cref="CacheKey"/>: a step with the same key as an earlier finished one is skipped.
/// </summary>
/// <param name="StepId">Unique within the run, e.g. <c>iter-2/evaluate</c>.</param>
/// <param name="Kind">The pipeline, e.g. <c>evaluate</c>.</param>
/// <param name="Iteration">The loop iteration (0 outside the loop).</param>
/// <param name="ConfigHash">Hash of the step's effective config (its wiring to datasets included).</param>
/// <param name="Inputs">Everything the step reads: datasets, models, prompt templates, judge versions.</param>
public sealed record StepDefinition(string StepId, string Kind, int Iteration, string ConfigHash, IReadOnlyList<ArtifactRef> Inputs)
{
    /// <summary>Hash of the kind, the config hash and each input's role and content hash (order-free).</summary>
    public string CacheKey => ContentHash.OfParts(
        [Kind, ConfigHash, .. Inputs.Select(i => $"{i.Role}={i.Hash}").Order(StringComparer.Ordinal)]);
}
