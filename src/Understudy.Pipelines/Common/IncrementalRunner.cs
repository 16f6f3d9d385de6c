namespace Understudy.Pipelines.Common;

/// <summary>
/// Runs work items with bounded concurrency and hands finished results to a flush callback in batches, so a long
/// step makes its output durable as it goes. Finished results still buffered when the run stops (Ctrl-C, an
/// error) are flushed before the exception surfaces: only work in flight at that moment is redone on rerun.
/// </summary>
public static class IncrementalRunner
{
    /// <summary>
    /// Processes <paramref name="items"/> with at most <paramref name="workers"/> in flight and calls
    /// <paramref name="flush"/> (one call at a time, never cancelled mid-way) each time <paramref name="batchSize"/>
    /// results are ready, and once more with the rest. <paramref name="process"/> should turn an item's own
    /// failure into a result; an exception it throws stops the run.
    /// </summary>
    public static async Task RunAsync<TItem, TResult>(
        IReadOnlyList<TItem> items,
        int workers,
        int batchSize,
        Func<TItem, CancellationToken, Task<TResult>> process,
        Func<IReadOnlyList<TResult>, CancellationToken, Task> flush,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(flush);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);

        var pending = new List<TResult>();
        using var flushGate = new SemaphoreSlim(1, 1);

        async Task FlushAsync(List<TResult> ready)
        {
            await flushGate.WaitAsync(CancellationToken.None);
            try
            {
                await flush(ready, CancellationToken.None);
            }
            finally
            {
                flushGate.Release();
            }
        }

        List<TResult>? TakeIfFull(bool force)
        {
            lock (pending)
            {
                if (pending.Count == 0 || (!force && pending.Count < batchSize))
                {
                    return null;
                }
                List<TResult> ready = [.. pending];
                pending.Clear();
                return ready;
            }
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(items, options, async (item, ct) =>
            {
                TResult result = await process(item, ct);
                lock (pending)
                {
                    pending.Add(result);
                }
                if (TakeIfFull(force: false) is { } ready)
                {
                    await FlushAsync(ready);
                }
            });
        }
        finally
        {
            if (TakeIfFull(force: true) is { } rest)
            {
                await FlushAsync(rest);
            }
        }
    }
}
