using Understudy.Core.Datasets;
using Understudy.Core.Observability;
using Understudy.Pipelines.Common;

namespace Understudy.Pipelines.Merge;

/// <summary>
/// merge: combines the train (and test) splits of two datasets — coverage or synth schema — into a coverage-schema
/// result. Rows are keyed by their chat content, so re-running never duplicates a row; train rows whose prompt is
/// in the test split are dropped (decontamination). Both result splits are written whole, atomically per split.
/// </summary>
public sealed class MergePipeline(IDatasetStore store)
{
    public const string StageName = "merge";

    private readonly IDatasetStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Merges the two datasets inside a <c>merge</c> step span.</summary>
    public Task<MergeResult> RunAsync(MergeConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        return StepTracing.TraceAsync(StageName,
            [new(UnderstudyAttributes.InputDataset, $"{config.FirstDsId},{config.SecondDsId}")],
            () => RunStepAsync(config, cancellationToken),
            (span, result) =>
            {
                span.SetTag(UnderstudyAttributes.OutputDataset, result.ResultDatasetId);
                span.SetTag(UnderstudyAttributes.Rows, result.TrainRows + result.TestRows);
                span.SetTag("understudy.merge.duplicates", result.DuplicateRows);
                span.SetTag("understudy.merge.decontaminated", result.DecontaminatedRows);
            });
    }

    private async Task<MergeResult> RunStepAsync(MergeConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var skipReasons = new List<string>();
        var inputs = new List<string>();

        async Task<List<CoverageRow>> ReadInputAsync(string datasetId, string split)
        {
            if (string.IsNullOrWhiteSpace(split))
            {
                return [];
            }
            inputs.Add($"{datasetId}:{split}");
            return await ReadNormalisedAsync(datasetId, split, skipReasons, cancellationToken);
        }

        List<CoverageRow> firstTrain = await ReadInputAsync(config.FirstDsId, config.FirstDsTrainSplit);
        List<CoverageRow> firstTest = await ReadInputAsync(config.FirstDsId, config.FirstDsTestSplit);
        List<CoverageRow> secondTrain = await ReadInputAsync(config.SecondDsId, config.SecondDsTrainSplit);
        List<CoverageRow> secondTest = await ReadInputAsync(config.SecondDsId, config.SecondDsTestSplit);
        List<CoverageRow> existingTrain = await OutputSplits.ReadOrEmptyAsync<CoverageRow>(
            _store, config.ResultDsId, config.ResultDsTrainSplit, cancellationToken);
        List<CoverageRow> existingTest = string.IsNullOrWhiteSpace(config.ResultDsTestSplit) ? [] :
            await OutputSplits.ReadOrEmptyAsync<CoverageRow>(_store, config.ResultDsId, config.ResultDsTestSplit, cancellationToken);

        int duplicates = 0;
        List<CoverageRow> test = Distinct([.. config.ResultDsTestAppend ? existingTest : [], .. firstTest, .. secondTest], ref duplicates);
        List<CoverageRow> train = Distinct([.. config.ResultDsTrainAppend ? existingTrain : [], .. firstTrain, .. secondTrain], ref duplicates);
        int decontaminated = 0;
        if (config.Decontaminate && test.Count > 0)
        {
            var testPrompts = test.Select(CoverageRowNormaliser.PromptKey).ToHashSet();
            decontaminated = train.RemoveAll(r => testPrompts.Contains(CoverageRowNormaliser.PromptKey(r)));
        }

        var provenance = new DatasetProvenance(StageName, IdentityHash.Of([StageName, .. inputs]), inputs);
        await _store.WriteAsync(config.ResultDsId, config.ResultDsTrainSplit, train, provenance, cancellationToken);
        if (!string.IsNullOrWhiteSpace(config.ResultDsTestSplit) && (test.Count > 0 || !config.ResultDsTestAppend))
        {
            await _store.WriteAsync(config.ResultDsId, config.ResultDsTestSplit, test, provenance, cancellationToken);
        }
        return new MergeResult(config.ResultDsId, train.Count, test.Count,
            AddedCount(train, existingTrain), AddedCount(test, existingTest), duplicates, decontaminated, skipReasons.Count, skipReasons);
    }

    private async Task<List<CoverageRow>> ReadNormalisedAsync(
        string datasetId, string split, List<string> skipReasons, CancellationToken cancellationToken)
    {
        var rows = new List<CoverageRow>();
        await foreach (CoverageRowReader.Item item in CoverageRowReader.ReadAsync(_store, datasetId, split, cancellationToken))
        {
            if (item.Row is null)
            {
                skipReasons.Add($"{datasetId}:{split} row {item.Index} (prompt_id '{item.PromptId}') {item.Problem}");
            }
            else
            {
                rows.Add(item.Row);
            }
        }
        return rows;
    }

    private static List<CoverageRow> Distinct(List<CoverageRow> rows, ref int duplicates)
    {
        var seen = new HashSet<string>();
        List<CoverageRow> distinct = [.. rows.Where(r => seen.Add(CoverageRowNormaliser.ContentKey(r)))];
        duplicates += rows.Count - distinct.Count;
        return distinct;
    }

    private static int AddedCount(List<CoverageRow> result, List<CoverageRow> before)
    {
        var existing = before.Select(CoverageRowNormaliser.ContentKey).ToHashSet();
        return result.Count(r => !existing.Contains(CoverageRowNormaliser.ContentKey(r)));
    }
}
