namespace Understudy.Engine.Kernels;

/// <summary>
/// One parallel kernel call split into independent chunks. The chunks are dealt out as one contiguous run per thread
/// (so each thread streams one range of memory, and claims a chunk with an atomic on a counter no other thread
/// touches); a thread that finishes its run takes the chunks still unclaimed in the others', so a descheduled thread
/// delays the call by at most the chunk it holds.
/// </summary>
internal abstract class KernelJob
{
    private const int CounterStride = 16;    // 64 bytes between counters: one cache line each

    private int[] _cursors = [];
    private int _runs;
    private int _done;
    private Exception? _failure;

    /// <summary>How many chunks the call is split into.</summary>
    public int ChunkCount { get; protected init; }

    /// <summary>Runs chunk <paramref name="chunk"/>; chunks touch disjoint outputs.</summary>
    protected abstract void Execute(int chunk);

    /// <summary>Deals the chunks out in <paramref name="threads"/> contiguous runs; called once, before any <see cref="RunChunks"/>.</summary>
    public void Prepare(int threads)
    {
        _runs = Math.Clamp(threads, 1, Math.Max(1, ChunkCount));
        _cursors = new int[_runs * CounterStride];
    }

    /// <summary>
    /// Claims and runs chunks until none is left: first the run of <paramref name="thread"/> (0 for the caller), then
    /// what is left of the others' (called by the caller and by each worker).
    /// </summary>
    public void RunChunks(int thread)
    {
        if (_runs == 0) Prepare(1);
        int done = 0;
        for (int k = 0; k < _runs; k++)
        {
            int run = (thread + k) % _runs;
            int start = (int)((long)ChunkCount * run / _runs), end = (int)((long)ChunkCount * (run + 1) / _runs);
            int chunk;
            while ((chunk = start + Interlocked.Increment(ref _cursors[run * CounterStride]) - 1) < end)
            {
                try
                {
                    Execute(chunk);
                }
                catch (Exception error)
                {
                    Interlocked.CompareExchange(ref _failure, error, null);
                }
                done++;
            }
        }
        if (done > 0) Interlocked.Add(ref _done, done);
    }

    /// <summary>True once every chunk has run.</summary>
    public bool IsComplete => Volatile.Read(ref _done) >= ChunkCount;

    /// <summary>Rethrows the first exception a chunk raised, on the calling thread.</summary>
    public void ThrowIfFailed()
    {
        if (_failure is { } failure) throw new InvalidOperationException("A CPU kernel chunk failed.", failure);
    }
}
