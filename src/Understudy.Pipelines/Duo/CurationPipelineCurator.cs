using Understudy.Core.Datasets;
using Understudy.Core.Runs;
using Understudy.Pipelines.Curation;

namespace Understudy.Pipelines.Duo;

/// <summary>
/// The loop's curation step bound to the curation pipeline (<c>understudy curate</c>): the step file's rules, with the
/// input, output and test split wired per iteration (the test split always decontaminates the synthetic rows).
/// </summary>
public sealed class CurationPipelineCurator : ICurator
{
    private readonly IDatasetStore _store;
    private readonly StepConfigFile<CurationConfig> _file;

    /// <param name="file">The <c>steps.curate</c> file (or defaults).</param>
    public CurationPipelineCurator(IDatasetStore store, StepConfigFile<CurationConfig> file)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(file);
        _store = store;
        _file = file;
        ConfigHash = file.Load(Wiring(new CurationRequest("in", "train", "test", "test", "out", "train"))).Hash;
    }

    /// <inheritdoc />
    public string ConfigHash { get; }

    /// <summary>Wired keys the step file also sets.</summary>
    public IReadOnlyList<string> Warnings => _file.Warnings;

    /// <inheritdoc />
    public async Task<CurationOutcome> CurateAsync(CurationRequest request, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CurationConfig config = _file.Load(Wiring(request)).Config;
        CurationResult result = await new CurationPipeline(_store).RunAsync(config, progress, cancellationToken);
        return new CurationOutcome(result.Kept, result.Report.Rules.ToDictionary(r => r.Rule, r => r.Removed), result.ReportPath);
    }

    /// <summary>The per-iteration keys; the config hash is taken with placeholder names, so it covers only the rules.</summary>
    private static Dictionary<string, string> Wiring(CurationRequest request) => new(StringComparer.Ordinal)
    {
        ["input_ds_id"] = request.InputDatasetId,
        ["input_ds_split"] = request.InputSplit,
        ["output_ds_id"] = request.OutputDatasetId,
        ["output_ds_split"] = request.OutputSplit,
        ["test_ds_ids"] = request.TestDatasetId,
        ["test_ds_split"] = request.TestSplit,
    };
}
