using Microsoft.Extensions.AI;
using Understudy.Core.Observability;
using Understudy.Llm.Failover.CircuitBreaking;

namespace Understudy.Llm.Failover;

/// <summary>
/// Sends each request to the primary (the inner client: the service LLM) and to the fallback (the understudy) when
/// the primary fails, times out, or its circuit is open. A <see cref="CircuitBreaker"/> keeps a failing primary
/// out of the path and probes it again after a break. Every response says who answered: <see cref="ChatResponse.ModelId"/>
/// and <c>AdditionalProperties["understudy.route"]</c> (<see cref="FailoverRoutes"/>). Streaming switches only before
/// the first update; an error after it reaches the caller. Optional shadow mode sends a sample of the requests a
/// healthy primary answered to the fallback too, in the background, and records both answers.
/// </summary>
public sealed partial class UnderstudyFailoverChatClient : DelegatingChatClient
{
    private readonly IChatClient _fallback;
    private readonly FailoverOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly FailoverTelemetry _telemetry;

    /// <param name="primary">The service LLM's client.</param>
    /// <param name="fallback">The understudy's client (in-process or an OpenAI-compatible server).</param>
    /// <param name="options">Breaker thresholds, deadlines and shadow settings; null = the defaults.</param>
    public UnderstudyFailoverChatClient(IChatClient primary, IChatClient fallback, FailoverOptions? options = null)
        : base(primary)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        _options = options ?? new FailoverOptions();
        _options.Validate();
        _fallback = fallback;
        _timeProvider = _options.TimeProvider ?? TimeProvider.System;
        _telemetry = new FailoverTelemetry(_options.Name);
        Breaker = new CircuitBreaker(_options.CircuitBreaker, _timeProvider);
        Breaker.StateChanged += _telemetry.CircuitChanged;
    }

    /// <summary>The breaker guarding the primary (read its state, subscribe to its transitions).</summary>
    public CircuitBreaker Breaker { get; }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        IReadOnlyList<ChatMessage> request = [.. messages];
        using var span = _telemetry.StartRequestSpan("chat");
        if (!Breaker.TryAcquire(out var permit))
        {
            return await FallbackAsync(request, options, FailoverInstruments.CircuitOpenReason, null, span, cancellationToken);
        }

        var started = _timeProvider.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await PrimaryAsync(request, options, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Breaker.RecordFailure(permit, Describe(e));
            _telemetry.Answered(null, FailoverRoutes.Primary, succeeded: false);
            return await FallbackAsync(request, options, ReasonFor(e), e, span, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Breaker.Release(permit);
            throw;
        }

        JudgeLatency(permit, _timeProvider.GetElapsedTime(started));
        _telemetry.Answered(span, FailoverRoutes.Primary, succeeded: true);
        MarkRoute(response, FailoverRoutes.Primary, InnerClient);
        if (ShouldShadow(permit))
        {
            StartShadow(request, options, response);
        }

        return response;
    }

    private async Task<ChatResponse> PrimaryAsync(IReadOnlyList<ChatMessage> request, ChatOptions? options, CancellationToken cancellationToken)
    {
        if (_options.PrimaryTimeout is not { } timeout)
        {
            return await InnerClient.GetResponseAsync(request, options, cancellationToken);
        }

        using var deadline = new CancellationTokenSource(timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await InnerClient.GetResponseAsync(request, options, linked.Token);
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw PrimaryTimedOut(timeout, e);
        }
    }

    private async Task<ChatResponse> FallbackAsync(
        IReadOnlyList<ChatMessage> request, ChatOptions? options, string reason, Exception? primaryError,
        System.Diagnostics.Activity? span, CancellationToken cancellationToken)
    {
        _telemetry.Switched(span, reason, primaryError);
        ChatResponse response;
        try
        {
            response = await _fallback.GetResponseAsync(request, options, cancellationToken);
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

        _telemetry.Answered(span, FailoverRoutes.Fallback, succeeded: true);
        MarkRoute(response, FailoverRoutes.Fallback, _fallback);
        return response;
    }

    private void JudgeLatency(CircuitPermit permit, TimeSpan elapsed)
    {
        if (_options.LatencyBudget is { } budget && elapsed > budget)
        {
            Breaker.RecordFailure(permit, $"latency {elapsed.TotalSeconds:0.###} s over the {budget.TotalSeconds:0.###} s budget");
        }
        else
        {
            Breaker.RecordSuccess(permit);
        }
    }

    private static void MarkRoute(ChatResponse response, string route, IChatClient answeredBy)
    {
        response.ModelId ??= answeredBy.GetService<ChatClientMetadata>()?.DefaultModelId;
        (response.AdditionalProperties ??= [])[FailoverRoutes.PropertyName] = route;
    }

    private static string ReasonFor(Exception e) => e is TimeoutException ? FailoverInstruments.TimeoutReason : FailoverInstruments.ErrorReason;

    private static string Describe(Exception e) => e is TimeoutException ? "timeout" : $"{e.GetType().Name}: {e.Message}";

    private static TimeoutException PrimaryTimedOut(TimeSpan timeout, Exception inner) =>
        new($"The primary sent no response within {timeout.TotalSeconds:0.###} s (failover primary_timeout).", inner);
}
