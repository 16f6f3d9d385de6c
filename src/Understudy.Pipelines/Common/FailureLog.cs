using Understudy.Core.Datasets;

namespace Understudy.Pipelines.Common;

/// <summary>
/// Keeps a <c>*_failures</c> split truthful after a run: entries whose work has since succeeded are removed and a
/// unit that failed on several runs keeps only its latest entry.
/// </summary>
public static class FailureLog
{
    public static async Task CompactAsync(
        IDatasetStore store, string datasetId, string failuresSplit, Func<FailureRow, bool> isNowDone,
        DatasetProvenance provenance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(isNowDone);
        List<FailureRow> all = await OutputSplits.ReadOrEmptyAsync<FailureRow>(store, datasetId, failuresSplit, cancellationToken);
        List<FailureRow> open = [.. all
            .Where(f => !isNowDone(f))
            .GroupBy(f => (f.PromptId, f.RepeatIndex, f.ModelId))
            .Select(g => g.Last())];
        if (open.Count == all.Count)
        {
            return;
        }
        if (open.Count == 0)
        {
            await store.DeleteAsync(datasetId, failuresSplit, cancellationToken);
            return;
        }
        await store.WriteAsync(datasetId, failuresSplit, open, provenance, cancellationToken);
    }
}
