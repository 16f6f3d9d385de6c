using System.Threading.Channels;
using Understudy.Engine.Generation;

namespace Understudy.Engine.Inference;

/// <summary>
/// The single generation loop of a <see cref="LocalModel"/>: callers enqueue requests from any thread; a dedicated
/// thread takes everything waiting (up to the batch limit) and generates it as one batch.
/// </summary>
internal sealed class GenerationQueue : IDisposable
{
    private readonly LocalModel _model;
    private readonly int _maxBatchSize;
    private readonly Channel<Pending> _channel = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _thread;

    public GenerationQueue(LocalModel model, int maxBatchSize)
    {
        _model = model;
        _maxBatchSize = maxBatchSize;
        _thread = new Thread(Run) { IsBackground = true, Name = $"understudy-generation:{model.Id}" };
        _thread.Start();
    }

    /// <summary>Queues a request; the task completes when its row finishes.</summary>
    public Task<TextGenerationResult> Enqueue(TextGenerationRequest request)
    {
        var pending = new Pending(request, new TaskCompletionSource<TextGenerationResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_channel.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(LocalChatClient));
        return pending.Completion.Task;
    }

    private void Run()
    {
        var reader = _channel.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            var batch = new List<Pending>();
            while (batch.Count < _maxBatchSize && reader.TryRead(out Pending? next))
            {
                if (next.Request.CancellationToken.IsCancellationRequested) next.Completion.TrySetCanceled(next.Request.CancellationToken);
                else batch.Add(next);
            }
            if (batch.Count == 0) continue;
            if (!TryGenerate(batch, out Exception? error) && batch.Count > 1)
            {
                // One bad request must not fail its neighbours: run each alone so only the culprit reports the error.
                foreach (var pending in batch) TryGenerate([pending], out _);
            }
            else if (error is not null)
            {
                batch[0].Completion.TrySetException(error);
            }
        }
    }

    private bool TryGenerate(List<Pending> batch, out Exception? error)
    {
        try
        {
            IReadOnlyList<TextGenerationResult> results;
            lock (_model.ComputeLock) results = _model.Text.Generate(batch.Select(p => p.Request).ToArray());
            for (int i = 0; i < batch.Count; i++) batch[i].Completion.TrySetResult(results[i]);
            error = null;
            return true;
        }
        catch (Exception e)
        {
            if (batch.Count == 1) batch[0].Completion.TrySetException(e);
            error = e;
            return false;
        }
    }

    public void Dispose()
    {
        _channel.Writer.TryComplete();
        _thread.Join();
    }

    private sealed record Pending(TextGenerationRequest Request, TaskCompletionSource<TextGenerationResult> Completion);
}
