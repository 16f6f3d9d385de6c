using Understudy.Core.Datasets;

namespace Understudy.Pipelines.Curation;

/// <summary>
/// Appends kept rows to the output split in batches, skipping the rows an earlier, killed run already wrote. Each
/// skipped row is checked against what was written (same prompt_id at the same position); at the first difference,
/// or when the earlier output is longer than this run's, the split is rewritten whole from this run's rows.
/// </summary>
internal sealed class ResumingSplitWriter(
    IDatasetStore store, string datasetId, string split, DatasetProvenance provenance, IReadOnlyList<string> written, int batchSize)
{
    private readonly List<CoverageRow> _kept = [];
    private readonly List<CoverageRow> _pending = [];
    private bool _diverged;

    /// <summary>Rows kept so far.</summary>
    public int Count => _kept.Count;

    /// <summary>Rows of an earlier run that this run confirmed and did not write again.</summary>
    public int Resumed { get; private set; }

    public async Task AddAsync(CoverageRow row, CancellationToken cancellationToken)
    {
        _kept.Add(row);
        if (!_diverged && _kept.Count <= written.Count)
        {
            if (written[_kept.Count - 1] == row.PromptId)
            {
                Resumed++;
                return;
            }
            await RewriteAsync(cancellationToken);
            return;
        }
        _pending.Add(row);
        if (_pending.Count >= batchSize)
        {
            await FlushAsync(cancellationToken);
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (!_diverged && written.Count > _kept.Count)
        {
            await RewriteAsync(cancellationToken);
        }
        else if (!_diverged && written.Count == 0 && _kept.Count == 0)
        {
            // Nothing kept: still leave an empty split behind, so the next step finds the (empty) output.
            await store.WriteAsync<CoverageRow>(datasetId, split, [], provenance, cancellationToken);
        }
        await FlushAsync(cancellationToken);
    }

    private async Task RewriteAsync(CancellationToken cancellationToken)
    {
        _diverged = true;
        Resumed = 0;
        _pending.Clear();
        await store.WriteAsync(datasetId, split, _kept, provenance, cancellationToken);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }
        await store.AppendAsync(datasetId, split, [.. _pending], provenance, cancellationToken);
        _pending.Clear();
    }
}
