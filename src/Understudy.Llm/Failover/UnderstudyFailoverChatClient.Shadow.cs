using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Understudy.Llm.Failover.CircuitBreaking;
using Understudy.Llm.Failover.Shadow;

namespace Understudy.Llm.Failover;

public sealed partial class UnderstudyFailoverChatClient
{
    private readonly CancellationTokenSource _shadowStopping = new();
    private readonly ConcurrentDictionary<Task, bool> _shadowTasks = new();
    private readonly ConcurrentQueue<Exception> _shadowErrors = new();

    /// <summary>Shadow samples whose fallback call or recording failed (counted in the metrics too), most recent last.</summary>
    public IReadOnlyCollection<Exception> ShadowErrors => [.. _shadowErrors];

    /// <summary>Waits until every shadow sample started so far has been answered by the fallback and recorded.</summary>
    public async Task WaitForShadowSamplesAsync(CancellationToken cancellationToken = default)
    {
        while (!_shadowTasks.IsEmpty)
        {
            await Task.WhenAll(_shadowTasks.Keys).WaitAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _shadowStopping.Cancel();
            _shadowStopping.Dispose();
        }

        base.Dispose(disposing);
    }

    // Only a closed circuit shadows: a probe is the primary's audition, and an open one sends everything to the fallback anyway.
    private bool ShouldShadow(CircuitPermit permit) =>
        _options.ShadowSampleRate > 0 && !permit.IsProbe && Breaker.State == CircuitState.Closed
        && (_options.ShadowSampler ?? Random.Shared.NextDouble)() < _options.ShadowSampleRate;

    private void StartShadow(IReadOnlyList<ChatMessage> request, ChatOptions? options, ChatResponse primary)
    {
        var at = _timeProvider.GetUtcNow();
        var ownOptions = options?.Clone();
        var stopping = _shadowStopping.Token;
        var task = Task.Run(() => ShadowAsync(request, ownOptions, primary, at, stopping), CancellationToken.None);
        _shadowTasks.TryAdd(task, true);
        task.ContinueWith(t => _shadowTasks.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task ShadowAsync(IReadOnlyList<ChatMessage> request, ChatOptions? options, ChatResponse primary, DateTimeOffset at, CancellationToken stopping)
    {
        ChatResponse fallback;
        try
        {
            fallback = await _fallback.GetResponseAsync(request, options, stopping);
            fallback.ModelId ??= _fallback.GetService<ChatClientMetadata>()?.DefaultModelId;
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            ShadowFailed("fallback_error", e);
            return;
        }
        catch (OperationCanceledException)
        {
            return; // the client is being disposed
        }

        try
        {
            await _options.ShadowRecorder!.RecordAsync(new ShadowSample(request, options, primary, fallback, at), stopping);
            _telemetry.Shadowed("recorded");
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            ShadowFailed("recorder_error", e);
        }
        catch (OperationCanceledException)
        {
            // the client is being disposed
        }
    }

    private void ShadowFailed(string outcome, Exception error)
    {
        _telemetry.Shadowed(outcome);
        _shadowErrors.Enqueue(error);
        while (_shadowErrors.Count > 100 && _shadowErrors.TryDequeue(out _))
        {
        }
    }
}
