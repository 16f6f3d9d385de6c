using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Understudy.Server.Observability;

namespace Understudy.Server.Generation;

/// <summary>
/// Generates a request's choices concurrently on one <see cref="IChatClient"/> (they join the engine's batch
/// together), publishes their pieces as <see cref="Events"/> in arrival order and records TTFT, time per output token
/// and token counts. When one choice fails the others are cancelled and <see cref="Events"/> ends with the error.
/// </summary>
internal sealed class ChoiceFanOut
{
    private readonly Channel<ChoiceEvent> _events = Channel.CreateUnbounded<ChoiceEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ServerMetrics _metrics;
    private readonly long _startedAt;
    private string? _route, _routedModelId;

    private ChoiceFanOut(ServerMetrics metrics, long startedAt)
    {
        _metrics = metrics;
        _startedAt = startedAt;
    }

    /// <summary>Pieces and ends of every choice; completes (with the first error, if any) when all choices are done.</summary>
    public ChannelReader<ChoiceEvent> Events => _events.Reader;

    /// <summary>The route of the first update that named one (see <see cref="Hosting.ServedModel.RoutePropertyName"/>); null when none did yet.</summary>
    public string? Route => Volatile.Read(ref _route);

    /// <summary>The model the first routed update reported; null when none did yet.</summary>
    public string? RoutedModelId => Volatile.Read(ref _routedModelId);

    /// <summary>The finished choices in index order.</summary>
    public Task<ChoiceResult[]> Results { get; private set; } = null!;

    /// <summary>Starts every job; <paramref name="startedAt"/> is the request's arrival (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static ChoiceFanOut Start(IChatClient client, IReadOnlyList<ChoiceJob> jobs, ServerMetrics metrics, long startedAt, CancellationToken cancellationToken)
    {
        var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fanOut = new ChoiceFanOut(metrics, startedAt);
        fanOut.Results = Task.WhenAll(jobs.Select(job => fanOut.RunAsync(client, job, linked)).ToArray());
        _ = fanOut.Results.ContinueWith(t =>
        {
            Exception? error = t.IsFaulted
                ? t.Exception!.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) ?? t.Exception.InnerException
                : t.IsCanceled ? new OperationCanceledException(cancellationToken) : null;
            fanOut._events.Writer.TryComplete(error);
            linked.Dispose();
        }, TaskScheduler.Default);
        return fanOut;
    }

    private async Task<ChoiceResult> RunAsync(IChatClient client, ChoiceJob job, CancellationTokenSource linked)
    {
        try
        {
            var text = new StringBuilder();
            long? firstTokenAt = null;
            UsageDetails? usage = null;
            ChatFinishReason? finish = null;
            string? route = null, modelId = null;
            await foreach (var update in client.GetStreamingResponseAsync(job.Messages, job.Options, linked.Token).ConfigureAwait(false))
            {
                if (route is null && update.AdditionalProperties?.TryGetValue(Hosting.ServedModel.RoutePropertyName, out object? routed) == true && routed is string name)
                {
                    // Published before the first piece, so a streaming response can send the route as a header.
                    (route, modelId) = (name, update.ModelId);
                    Interlocked.CompareExchange(ref _routedModelId, modelId, null);
                    Interlocked.CompareExchange(ref _route, route, null);
                }
                string piece = update.Text;
                if (piece.Length > 0)
                {
                    if (firstTokenAt is null)
                    {
                        firstTokenAt = Stopwatch.GetTimestamp();
                        _metrics.TimeToFirstToken.Observe(Stopwatch.GetElapsedTime(_startedAt, firstTokenAt.Value).TotalSeconds);
                    }
                    text.Append(piece);
                    _events.Writer.TryWrite(new ChoiceEvent(job.Index, piece, null));
                }
                usage = update.Contents.OfType<UsageContent>().LastOrDefault()?.Details ?? usage;
                finish = update.FinishReason ?? finish;
            }
            long completion = usage?.OutputTokenCount ?? 0, prompt = usage?.InputTokenCount ?? 0;
            if (firstTokenAt is long first && completion > 1)
                _metrics.TimePerOutputToken.Observe(Stopwatch.GetElapsedTime(first).TotalSeconds / (completion - 1));
            _metrics.RecordTokens(prompt, completion);
            string reason = finish == ChatFinishReason.Length ? "length" : "stop";
            _events.Writer.TryWrite(new ChoiceEvent(job.Index, null, reason));
            return new ChoiceResult(job.Index, text.ToString(), reason, prompt, completion, route, modelId);
        }
        catch
        {
            await linked.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }
}
