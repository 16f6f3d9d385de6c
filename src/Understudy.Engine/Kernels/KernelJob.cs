namespace Understudy.Engine.Kernels;

/// <summary>
/// One parallel kernel call split into independent chunks. Every participating thread claims chunks from a shared
/// counter until none is left, so a descheduled thread delays the call by at most the chunk it holds.
/// </summary>
internal abstract class KernelJob
{
    private int _next;
    private int _done;
    private Exception? _failure;

    /// <summary>How many chunks the call is split into.</summary>
    public int ChunkCount { get; protected init; }

    /// <summary>Runs chunk <paramref name="chunk"/>; chunks touch disjoint outputs.</summary>
    protected abstract void Execute(int chunk);

    /// <summary>Claims and runs chunks until none is left (called by the caller and by each worker).</summary>
    public void RunChunks()
    {
        int chunk;
        while ((chunk = Interlocked.Increment(ref _next) - 1) < ChunkCount)
        {
            try
            {
                Execute(chunk);
            }
            catch (Exception error)
            {
                Interlocked.CompareExchange(ref _failure, error, null);
            }
            Interlocked.Increment(ref _done);
        }
    }

    /// <summary>True once every chunk has run.</summary>
    public bool IsComplete => Volatile.Read(ref _done) >= ChunkCount;

    /// <summary>Rethrows the first exception a chunk raised, on the calling thread.</summary>
    public void ThrowIfFailed()
    {
        if (_failure is { } failure) throw new InvalidOperationException("A CPU kernel chunk failed.", failure);
    }
}
