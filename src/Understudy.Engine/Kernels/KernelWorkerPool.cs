using System.Diagnostics;

namespace Understudy.Engine.Kernels;

/// <summary>
/// A few dedicated threads that run <see cref="KernelJob"/>s together with the calling thread. Decode calls about
/// two hundred small kernels per token, so a thread-pool round trip per call would cost more than the work: the
/// workers spin on a generation counter between calls and only block after <see cref="SpinBeforeSleep"/> idle.
/// </summary>
internal sealed class KernelWorkerPool
{
    private static readonly TimeSpan SpinBeforeSleep = TimeSpan.FromMilliseconds(2);
    private static readonly Lazy<KernelWorkerPool> SharedPool = new(() => new KernelWorkerPool(DefaultThreadCount()));

    private readonly object _gate = new();
    private readonly object _callLock = new();
    private KernelJob? _job;
    private int _generation;
    private int _sleeping;

    private KernelWorkerPool(int threads)
    {
        ThreadCount = threads;
        for (int i = 1; i < threads; i++)
        {
            int thread = i;
            new Thread(() => WorkLoop(thread)) { IsBackground = true, Name = $"Understudy kernel worker {i}" }.Start();
        }
    }

    /// <summary>The process-wide pool, sized on first use to libtorch's intra-op thread count (physical cores).</summary>
    public static KernelWorkerPool Shared => SharedPool.Value;

    /// <summary>Threads that run a job, the caller included.</summary>
    public int ThreadCount { get; }

    /// <summary>Runs <paramref name="job"/> on the workers and the calling thread; returns when every chunk is done.</summary>
    public void Run(KernelJob job)
    {
        // A second concurrent caller (another generation loop, parallel tests) runs its job alone rather than queueing.
        if (ThreadCount == 1 || job.ChunkCount == 1 || !Monitor.TryEnter(_callLock))
        {
            job.Prepare(1);
            job.RunChunks(0);
            job.ThrowIfFailed();
            return;
        }
        try
        {
            job.Prepare(ThreadCount);
            Volatile.Write(ref _job, job);
            Interlocked.Increment(ref _generation);
            if (Volatile.Read(ref _sleeping) > 0)
            {
                lock (_gate) Monitor.PulseAll(_gate);
            }
            job.RunChunks(0);
            var spinner = new SpinWait();
            while (!job.IsComplete) spinner.SpinOnce(sleep1Threshold: -1);
            Volatile.Write(ref _job, null);
        }
        finally
        {
            Monitor.Exit(_callLock);
        }
        job.ThrowIfFailed();
    }

    private void WorkLoop(int thread)
    {
        int seen = Volatile.Read(ref _generation);
        while (true)
        {
            seen = WaitForNextGeneration(seen);
            Volatile.Read(ref _job)?.RunChunks(thread);
        }
    }

    private int WaitForNextGeneration(int seen)
    {
        long spinUntil = Stopwatch.GetTimestamp() + (long)(SpinBeforeSleep.TotalSeconds * Stopwatch.Frequency);
        int current;
        while ((current = Volatile.Read(ref _generation)) == seen)
        {
            if (Stopwatch.GetTimestamp() < spinUntil)
            {
                Thread.SpinWait(20);
                continue;
            }
            lock (_gate)
            {
                // Announce the sleep before the final check so a caller that bumps the generation sees it and pulses.
                Interlocked.Increment(ref _sleeping);
                if (Volatile.Read(ref _generation) == seen) Monitor.Wait(_gate, TimeSpan.FromMilliseconds(100));
                Interlocked.Decrement(ref _sleeping);
            }
            spinUntil = Stopwatch.GetTimestamp() + (long)(SpinBeforeSleep.TotalSeconds * Stopwatch.Frequency);
        }
        return current;
    }

    private static int DefaultThreadCount() =>
        Math.Clamp(TorchSharp.torch.get_num_threads(), 1, Environment.ProcessorCount);
}
