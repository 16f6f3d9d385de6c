using System.Text.Json;
using System.Text.Json.Nodes;
using Understudy.Core.Datasets;
using Understudy.Core.Runs;
using Understudy.Pipelines.Common;
using Understudy.Pipelines.Merge;

namespace Understudy.Pipelines.Curation;

/// <summary>
/// curate: streams a coverage or synth split through the switched-on rules (<see cref="CurationRuleSet"/>) and appends
/// the rows every rule keeps, in input order, to the output split in batches. Of duplicates the earliest row is
/// kept, so the result depends only on the input order and the config. A killed run resumes: the decisions are
/// replayed and the rows an earlier run of the same config already wrote are checked, not written again.
/// </summary>
/// <param name="store">Where the input, test and output datasets live.</param>
/// <param name="batchSize">Kept rows per durable append to the output split.</param>
public sealed class CurationPipeline(IDatasetStore store, int batchSize = 256)
{
    public const string StageName = "curate";

    private readonly IDatasetStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly int _batchSize = batchSize > 0 ? batchSize : throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be at least 1");

    /// <summary>Curates <see cref="CurationConfig.InputDsId"/> into <see cref="CurationConfig.OutputDsId"/> and saves the report.</summary>
    public async Task<CurationResult> RunAsync(CurationConfig config, IProgress<StepProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        string input = $"{config.InputDsId}:{config.InputDsSplit}";
        List<CurationRow> testRows = await ReadTestRowsAsync(config, cancellationToken);
        IReadOnlyList<IRowFilter> rules = CurationRuleSet.Build(config, testRows);
        var tally = new CurationTally([(CurationRules.Malformed, "no user turn, or no answer while drop_empty_answers is off"), .. rules.Select(r => (r.Rule, r.Description))],
            config.MaxExamplesPerRule);

        string identity = Identity(config);
        var provenance = new DatasetProvenance(StageName, identity, [input, .. config.TestDsIds.Select(id => $"{id}:{config.TestDsSplit}")]);
        await OutputSplits.PrepareAsync(_store, config.OutputDsId, config.OutputDsSplit, append: false, identity, cancellationToken);
        List<string> written = [.. (await OutputSplits.ReadOrEmptyAsync<CoverageRow>(_store, config.OutputDsId, config.OutputDsSplit, cancellationToken))
            .Select(r => r.PromptId)];
        var writer = new ResumingSplitWriter(_store, config.OutputDsId, config.OutputDsSplit, provenance, written, _batchSize);

        long? total = (await _store.GetAsync(config.InputDsId, cancellationToken))?.Splits.FirstOrDefault(s => s.Name == config.InputDsSplit)?.RowCount;
        int read = 0;
        await foreach (CoverageRowReader.Item item in CoverageRowReader.ReadAsync(_store, config.InputDsId, config.InputDsSplit, cancellationToken))
        {
            read++;
            if (item.Row is null)
            {
                // A question without an answer is what drop_empty_answers is for; anything else cannot be a training row at all.
                string rule = item.Problem == CoverageRowNormaliser.NoAssistantTurn && config.DropEmptyAnswers ? CurationRules.EmptyAnswer : CurationRules.Malformed;
                tally.Removed(rule, item.Index, item.PromptId, item.Prompt, "", new RowRejection($"row {item.Problem}"));
            }
            else if (Judge(CurationRow.From(item.Index, item.Row), rules, tally) is { } kept)
            {
                await writer.AddAsync(kept.Row, cancellationToken);
            }
            if (read % _batchSize == 0)
            {
                progress?.Report(new StepProgress(read, total));
            }
        }
        await writer.CompleteAsync(cancellationToken);
        progress?.Report(new StepProgress(read, total));

        var report = new CurationReport
        {
            Input = input,
            Output = $"{config.OutputDsId}:{config.OutputDsSplit}",
            InputRows = read,
            Kept = writer.Count,
            Rules = tally.Rules(),
        };
        string reportPath = string.IsNullOrWhiteSpace(config.ReportPath)
            ? CurationReportFile.DefaultPath(_store, config.OutputDsId, config.OutputDsSplit)
            : config.ReportPath;
        await CurationReportFile.SaveAsync(report, reportPath, cancellationToken);
        return new CurationResult(report, config.OutputDsId, config.OutputDsSplit, writer.Count, Path.GetFullPath(reportPath), writer.Resumed);
    }

    /// <summary>The row when every rule keeps it (and then tells the dedup rules), else null after counting the first rule that removed it.</summary>
    private static CurationRow? Judge(CurationRow row, IReadOnlyList<IRowFilter> rules, CurationTally tally)
    {
        foreach (IRowFilter rule in rules)
        {
            if (rule.Check(row) is { } rejection)
            {
                tally.Removed(rule.Rule, row.Index, row.Row.PromptId, row.Prompt, row.Answer, rejection);
                return null;
            }
        }
        foreach (IDuplicateRule rule in rules.OfType<IDuplicateRule>())
        {
            rule.Remember(row);
        }
        return row;
    }

    private async Task<List<CurationRow>> ReadTestRowsAsync(CurationConfig config, CancellationToken cancellationToken)
    {
        var rows = new List<CurationRow>();
        foreach (string datasetId in config.TestDsIds)
        {
            await foreach (CoverageRowReader.Item item in CoverageRowReader.ReadAsync(_store, datasetId, config.TestDsSplit, cancellationToken))
            {
                if (item.Row is not null)
                {
                    rows.Add(CurationRow.From(rows.Count, item.Row));
                }
            }
        }
        return rows;
    }

    /// <summary>The settings that decide the output (not report_path or the number of examples), hashed.</summary>
    private static string Identity(CurationConfig config)
    {
        JsonObject settings = JsonSerializer.SerializeToNode(config)!.AsObject();
        settings.Remove(nameof(CurationConfig.ReportPath));
        settings.Remove(nameof(CurationConfig.MaxExamplesPerRule));
        return IdentityHash.Of(StageName, settings.ToJsonString());
    }
}
