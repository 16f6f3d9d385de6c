using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Understudy.Engine.Inference;

namespace Understudy.Engine.Scheduling;

/// <summary>
/// Continuous batching over a <see cref="LocalModel"/>: one dedicated thread owns the model and runs a loop in which
/// sequences join and leave the running batch at token boundaries. Each running sequence holds one KV-cache slot
/// with its own length and positions; a finished or cancelled sequence frees its slot at once and a waiting one takes
/// it at the next step. Long prompts are prefilled in chunks between decode steps. Thread-safe.
/// </summary>
public sealed class ContinuousBatchScheduler : IDisposable, IAsyncDisposable
{
    /// <summary>The name of the System.Diagnostics.Metrics meter the scheduler publishes on.</summary>
    public const string MeterName = "Understudy.Engine";

    private readonly Channel<ScheduledSequence> _incoming = Channel.CreateUnbounded<ScheduledSequence>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SlotKvCache _cache;
    private readonly SchedulerTelemetry _telemetry;
    private readonly SchedulerLoop _loop;
    private readonly Thread _thread;
    private int _queued;
    private int _disposed;

    /// <summary>Starts the scheduler thread over <paramref name="model"/> (not owned).</summary>
    public ContinuousBatchScheduler(LocalModel model, SchedulerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new SchedulerOptions();
        options.Validate();
        Model = model;
        Options = options;
        _cache = new SlotKvCache(model.Model.Config, options.MaxBatchSize, options.InitialCacheTokens, model.Model.DType, model.Model.Device);
        _telemetry = new SchedulerTelemetry(model.Id, options, () => Volatile.Read(ref _queued));
        _loop = new SchedulerLoop(options, _incoming.Reader, _cache, new SlotForwardPasses(model, _cache), _telemetry,
            () => Interlocked.Decrement(ref _queued));
        _thread = new Thread(_loop.Run) { IsBackground = true, Name = $"understudy-scheduler:{model.Id}" };
        _thread.Start();
    }

    /// <summary>The model the scheduler runs.</summary>
    public LocalModel Model { get; }

    /// <summary>The scheduler's settings.</summary>
    public SchedulerOptions Options { get; }

    /// <summary>A snapshot of queue depth, running batch size, counters, TTFT, time per output token and tokens/s.</summary>
    public SchedulerMetrics Metrics => _telemetry.Snapshot();

    /// <summary>
    /// Queues <paramref name="request"/> and returns its token stream. Admission happens in this call, before any
    /// enumeration: a request that cannot run throws here (<see cref="SchedulerQueueFullException"/> when
    /// <see cref="SchedulerOptions.MaxQueued"/> requests wait, <see cref="ArgumentException"/> for a prompt longer than
    /// the model's context or with ids outside its vocabulary). Cancelling <paramref name="cancellationToken"/> (or the
    /// enumeration's token, or leaving the enumeration early) removes the sequence at the next token boundary and frees
    /// its slot. The stream ends with an item carrying the finish reason and usage; an engine error surfaces as the
    /// stream's exception.
    /// </summary>
    public IAsyncEnumerable<GeneratedToken> GenerateAsync(SequenceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_loop.Fault is { } fault) throw new InvalidOperationException($"The scheduler stopped after an engine error: {fault.Message}", fault);
        Validate(request);
        cancellationToken.ThrowIfCancellationRequested();

        if (Interlocked.Increment(ref _queued) > Options.MaxQueued)
        {
            int queued = Interlocked.Decrement(ref _queued);
            _telemetry.Rejected();
            throw new SchedulerQueueFullException(Options.MaxQueued, _telemetry.SuggestRetryAfter(queued));
        }
        var sequence = new ScheduledSequence(request, Model.Tokenizer, Model.Model.Config.MaxPositionEmbeddings);
        sequence.ObserveCancellation(cancellationToken);
        if (!_incoming.Writer.TryWrite(sequence))
        {
            Interlocked.Decrement(ref _queued);
            throw new ObjectDisposedException(nameof(ContinuousBatchScheduler));
        }
        _telemetry.Admitted();
        return Stream(sequence, cancellationToken);
    }

    private static async IAsyncEnumerable<GeneratedToken> Stream(ScheduledSequence sequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        bool ended = false;
        try
        {
            await foreach (var token in sequence.Output.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                ended = token.IsLast;
                yield return token;
            }
        }
        finally
        {
            // Abandoned or cancelled before its last item: free the slot at the next token boundary.
            if (!ended) sequence.RequestCancel();
        }
    }

    private void Validate(SequenceRequest request)
    {
        var config = Model.Model.Config;
        if (request.PromptIds.Count >= config.MaxPositionEmbeddings)
            throw new ArgumentException(
                $"The prompt has {request.PromptIds.Count} tokens; the model's context (max_position_embeddings) is {config.MaxPositionEmbeddings}. Shorten the prompt.",
                nameof(request));
        for (int i = 0; i < request.PromptIds.Count; i++)
        {
            int id = request.PromptIds[i];
            if (id < 0 || id >= config.VocabSize)
                throw new ArgumentException($"Prompt token {i} is id {id}, outside the model's vocabulary [0, {config.VocabSize}).", nameof(request));
        }
    }

    /// <summary>Stops the loop at the next token boundary; queued and running streams end with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (!BeginDispose()) return;
        _thread.Join();
        EndDispose();
    }

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        if (!BeginDispose()) return;
        await Task.Factory.StartNew(_thread.Join, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        EndDispose();
    }

    private bool BeginDispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return false;
        _loop.Stop();
        _incoming.Writer.TryComplete();
        return true;
    }

    private void EndDispose()
    {
        _cache.Dispose();
        _telemetry.Dispose();
    }
}
