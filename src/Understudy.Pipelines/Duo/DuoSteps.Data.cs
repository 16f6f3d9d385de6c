using Understudy.Core.Lineage;
using Understudy.Pipelines.Merge;
using Understudy.Pipelines.Synthesis;

namespace Understudy.Pipelines.Duo;

/// <summary>The data steps that grow the train set after a failed evaluation: synth → curate → merge.</summary>
internal sealed partial class DuoSteps
{
    // The file's num_samples (capped by the run's budget) and seed (plus the iteration) are what synth runs with.
    private static readonly string[] SynthKeysFromFile = ["num_samples", "seed"];

    /// <summary>num_samples of the synth step file: how many rows one iteration asks for (before the run's budget).</summary>
    public int SynthSamplesPerIteration() => _synth.Load(SynthWiring(1, null).Values, SynthKeysFromFile).Config.NumSamples;

    /// <summary>The teacher writes <paramref name="samples"/> new rows like the coverage train split's seeds.</summary>
    /// <exception cref="DuoStopException">A budget ended synthesis before it made the rows; a rerun continues from the rows kept.</exception>
    public async Task<StepRecord> SynthAsync(int iteration, int samples, CancellationToken cancellationToken)
    {
        int baseSeed = _synth.Load(SynthWiring(iteration, samples).Values, SynthKeysFromFile).Config.Seed;
        // A different seed each iteration: LlamaDuo's script re-used the same seeds every round.
        var (config, hash) = _synth.Load(SynthWiring(iteration, samples).Set("seed", baseSeed + iteration - 1).Values, SynthKeysFromFile);
        ArtifactRef seeds = await Describe("seeds", config.ReferenceDsId, config.ReferenceDsSplit, cancellationToken);
        var step = new StepDefinition(StepId(iteration, "synth"), SynthPipeline.StageName, iteration, hash,
            [seeds, Prompt("synth_prompt", _services.SynthPrompt.Hash), Role("teacher", _config.Teacher)]);
        return await RunAsync(step, async (progress, ct) =>
        {
            decimal before = _services.SpentUsd();
            SynthResult result = await new SynthPipeline(_store).RunAsync(config, _services.Teacher, _services.SynthPrompt, progress, ct,
                () => _budget.CostUsd + _services.SpentUsd() - before);
            if (!result.Completed)
            {
                var reason = result.StopReason?.StartsWith("cost budget", StringComparison.Ordinal) == true
                    ? DuoStopReason.CostBudget : DuoStopReason.SynthIncomplete;
                throw new DuoStopException(reason, $"synth of iteration {iteration} stopped early: {result.StopReason}");
            }
            var metrics = new Dictionary<string, double>
            {
                [DuoMetrics.Published] = result.Published,
                ["produced"] = result.Produced,
                ["calls"] = result.Calls,
                ["failed_calls"] = result.FailedCalls,
                ["duplicate_pairs"] = result.DuplicatePairs,
                ["invalid_pairs"] = result.InvalidPairs,
                ["input_tokens"] = result.InputTokens,
                ["output_tokens"] = result.OutputTokens,
            };
            return ([await Describe("synthetic", config.SynthDsId, config.SynthDsSplit, ct)], metrics);
        }, cancellationToken);
    }

    /// <summary>Curates an iteration's synthetic rows against the test split.</summary>
    public async Task<StepRecord> CurateAsync(int iteration, ICurator curator, CancellationToken cancellationToken)
    {
        ArtifactRef synthetic = await Describe("synthetic", _layout.Synthetic(iteration), "train", cancellationToken);
        ArtifactRef test = await Describe("test", _config.CoverageDsId, _config.TestSplit, cancellationToken);
        var step = new StepDefinition(StepId(iteration, "curate"), "curate", iteration, curator.ConfigHash, [synthetic, test]);
        return await RunAsync(step, async (progress, ct) =>
        {
            var request = new CurationRequest(_layout.Synthetic(iteration), "train", _config.CoverageDsId, _config.TestSplit, _layout.Curated(iteration), "train");
            CurationOutcome outcome = await curator.CurateAsync(request, progress, ct);
            var metrics = new Dictionary<string, double> { ["kept"] = outcome.Kept, ["removed"] = outcome.RemovedByRule.Values.Sum() };
            foreach (var (rule, removed) in outcome.RemovedByRule)
            {
                metrics["removed_" + rule] = removed;
            }
            List<ArtifactRef> outputs = [await Describe("curated", request.OutputDatasetId, request.OutputSplit, ct)];
            if (outcome.ReportPath is { } report && File.Exists(report))
            {
                outputs.Add(new ArtifactRef("curation_report", ArtifactKinds.File, report, await ContentHash.OfFileAsync(report, ct), Path.GetFullPath(report)));
            }
            return (outputs, metrics);
        }, cancellationToken);
    }

    /// <summary>Merges the new rows into iteration <paramref name="iteration"/>'s train set, giving iteration + 1's.</summary>
    public async Task<StepRecord> MergeAsync(int iteration, string newRowsDataset, CancellationToken cancellationToken)
    {
        var wiring = new DuoWiring()
            .Set("first_ds_id", _layout.TrainDataset(iteration)).Set("first_ds_train_split", _layout.TrainSplit(iteration))
            .Set("first_ds_test_split", _layout.TestSplitOf(iteration))
            .Set("second_ds_id", newRowsDataset).Set("second_ds_train_split", "train").Set("second_ds_test_split", "")
            .Set("result_ds_id", _layout.TrainDataset(iteration + 1)).Set("result_ds_train_split", _layout.TrainSplit(iteration + 1))
            .Set("result_ds_test_split", _layout.TestSplitOf(iteration + 1))
            .Set("result_ds_train_append", false).Set("result_ds_test_append", false);
        var (config, hash) = _merge.Load(wiring.Values);
        List<ArtifactRef> inputs =
        [
            await Describe("train", config.FirstDsId, config.FirstDsTrainSplit, cancellationToken),
            await Describe("test", config.FirstDsId, config.FirstDsTestSplit, cancellationToken),
            await Describe("new_rows", config.SecondDsId, config.SecondDsTrainSplit, cancellationToken),
        ];
        var step = new StepDefinition(StepId(iteration, "merge"), MergePipeline.StageName, iteration, hash, inputs);
        return await RunAsync(step, async (_, ct) =>
        {
            MergeResult result = await new MergePipeline(_store).RunAsync(config, ct);
            var metrics = new Dictionary<string, double>
            {
                [DuoMetrics.TrainRows] = result.TrainRows,
                ["test_rows"] = result.TestRows,
                ["added_train_rows"] = result.AddedTrainRows,
                ["duplicate_rows"] = result.DuplicateRows,
                ["decontaminated_rows"] = result.DecontaminatedRows,
                ["skipped_rows"] = result.SkippedRows,
            };
            return ([await Describe("train", config.ResultDsId, config.ResultDsTrainSplit, ct),
                await Describe("test", config.ResultDsId, config.ResultDsTestSplit, ct)], metrics);
        }, cancellationToken);
    }

    private DuoWiring SynthWiring(int iteration, int? samples)
    {
        var wiring = new DuoWiring()
            .Set("reference_ds_id", _config.CoverageDsId).Set("reference_ds_split", _config.TrainSplit)
            .Set("synth_ds_id", _layout.Synthetic(iteration)).Set("synth_ds_split", "train").Set("synth_ds_append", false)
            .Role(_config.Teacher, _config.PromptTmplPath);
        if (samples is { } count)
        {
            wiring.Set("num_samples", count);
        }
        return _config.MaxCostUsd > 0 ? wiring.Set("max_cost_usd", _config.MaxCostUsd) : wiring;
    }
}
