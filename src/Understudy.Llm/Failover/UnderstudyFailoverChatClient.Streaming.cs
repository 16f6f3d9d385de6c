using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Understudy.Core.Observability;
using Understudy.Llm.Failover.CircuitBreaking;

namespace Understudy.Llm.Failover;

public sealed partial class UnderstudyFailoverChatClient
{
    /// <inheritdoc />
    /// <remarks>
    /// The primary's deadline and latency budget apply to its first update. A failure before the first update
    /// switches to the fallback; after it, the caller has seen part of the primary's answer, so the error is surfaced.
    /// </remarks>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        IReadOnlyList<ChatMessage> request = [.. messages];
        using var span = _telemetry.StartRequestSpan("chat.stream");
        var primaryError = (Exception?)null;
        if (Breaker.TryAcquire(out var permit))
        {
            // The deadline covers the wait for the first update only; it is stopped once that arrives.
            using var deadline = _options.PrimaryTimeout is { } timeout ? new CancellationTokenSource(timeout, _timeProvider) : null;
            using var primaryToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline?.Token ?? CancellationToken.None);
            var (stream, first, error) = await OpenPrimaryStreamAsync(request, options, permit, deadline, primaryToken.Token, cancellationToken);
            if (error is null)
            {
                await foreach (var update in RelayPrimaryAsync(request, options, stream!, first, permit, span, cancellationToken))
                {
                    yield return update;
                }

                yield break;
            }

            primaryError = error;
        }

        var reason = primaryError is null ? FailoverInstruments.CircuitOpenReason : ReasonFor(primaryError);
        _telemetry.Switched(span, reason, primaryError);
        await foreach (var update in RelayFallbackAsync(request, options, primaryError, span, cancellationToken))
        {
            yield return update;
        }
    }

    private async Task<(IAsyncEnumerator<ChatResponseUpdate>? Stream, ChatResponseUpdate? First, Exception? Error)> OpenPrimaryStreamAsync(
        IReadOnlyList<ChatMessage> request, ChatOptions? options, CircuitPermit permit, CancellationTokenSource? deadline,
        CancellationToken primaryToken, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        IAsyncEnumerator<ChatResponseUpdate>? stream = null;
        try
        {
            stream = InnerClient.GetStreamingResponseAsync(request, options, primaryToken).GetAsyncEnumerator(primaryToken);
            var hasFirst = await stream.MoveNextAsync();
            deadline?.CancelAfter(Timeout.InfiniteTimeSpan);
            JudgeLatency(permit, _timeProvider.GetElapsedTime(started));
            return (stream, hasFirst ? stream.Current : null, null);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var error = e is OperationCanceledException && deadline is { IsCancellationRequested: true }
                ? PrimaryTimedOut(_options.PrimaryTimeout!.Value, e)
                : e;
            Breaker.RecordFailure(permit, Describe(error));
            _telemetry.Answered(null, FailoverRoutes.Primary, succeeded: false);
            await DisposeStreamAsync(stream);
            return (null, null, error);
        }
        catch (OperationCanceledException)
        {
            Breaker.Release(permit);
            await DisposeStreamAsync(stream);
            throw;
        }
    }

    private async IAsyncEnumerable<ChatResponseUpdate> RelayPrimaryAsync(
        IReadOnlyList<ChatMessage> request, ChatOptions? options, IAsyncEnumerator<ChatResponseUpdate> stream, ChatResponseUpdate? first,
        CircuitPermit permit, Activity? span, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var model = InnerClient.GetService<ChatClientMetadata>()?.DefaultModelId;
        var shadowed = ShouldShadow(permit) ? new List<ChatResponseUpdate>() : null;
        await using (stream)
        {
            var current = first;
            while (current is not null)
            {
                shadowed?.Add(current);
                yield return MarkRoute(current, FailoverRoutes.Primary, model);
                try
                {
                    current = await stream.MoveNextAsync() ? stream.Current : null;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // Part of the answer is already with the caller: surface the error rather than mix two answers.
                    Breaker.RecordFailure(permit, Describe(e));
                    _telemetry.Answered(span, FailoverRoutes.Primary, succeeded: false);
                    span.RecordFailure(e);
                    throw;
                }
            }
        }

        _telemetry.Answered(span, FailoverRoutes.Primary, succeeded: true);
        if (shadowed is not null)
        {
            StartShadow(request, options, shadowed.ToChatResponse());
        }
    }

    private async IAsyncEnumerable<ChatResponseUpdate> RelayFallbackAsync(
        IReadOnlyList<ChatMessage> request, ChatOptions? options, Exception? primaryError, Activity? span,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var model = _fallback.GetService<ChatClientMetadata>()?.DefaultModelId;
        await using var stream = _fallback.GetStreamingResponseAsync(request, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await stream.MoveNextAsync())
                {
                    break;
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                _telemetry.Answered(span, FailoverRoutes.Fallback, succeeded: false);
                span.RecordFailure(e);
                if (primaryError is null)
                {
                    throw;
                }

                throw new FailoverExhaustedException(primaryError, e);
            }

            yield return MarkRoute(stream.Current, FailoverRoutes.Fallback, model);
        }

        _telemetry.Answered(span, FailoverRoutes.Fallback, succeeded: true);
    }

    private static ChatResponseUpdate MarkRoute(ChatResponseUpdate update, string route, string? model)
    {
        update.ModelId ??= model;
        (update.AdditionalProperties ??= [])[FailoverRoutes.PropertyName] = route;
        return update;
    }

    private static async ValueTask DisposeStreamAsync(IAsyncEnumerator<ChatResponseUpdate>? stream)
    {
        if (stream is not null)
        {
            await stream.DisposeAsync();
        }
    }
}
