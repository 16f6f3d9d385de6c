using Understudy.Core.Runs;

namespace Understudy.Pipelines.Duo;

/// <summary>
/// The loop's curation step: filters synthetic rows (dedup, near-dedup, decontamination against the test split, rule
/// filters) into a new split. The CLI binds it to the curation pipeline (<c>understudy curate</c>); tests bind fakes.
/// </summary>
public interface ICurator
{
    /// <summary>Hash of the curation configuration, part of the step's cache key.</summary>
    string ConfigHash { get; }

    /// <summary>Curates one split and says how many rows it kept and removed.</summary>
    Task<CurationOutcome> CurateAsync(CurationRequest request, IProgress<StepProgress>? progress, CancellationToken cancellationToken);
}
