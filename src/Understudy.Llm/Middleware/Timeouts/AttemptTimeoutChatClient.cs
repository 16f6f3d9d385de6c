using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Understudy.Llm.Middleware.Timeouts;

/// <summary>
/// Gives each attempt a deadline and turns a missed one into a <see cref="TimeoutException"/>, which the retry
/// middleware treats as transient (the caller's own cancellation stays an <see cref="OperationCanceledException"/>).
/// Place it innermost, below the rate and concurrency limits, so that waiting for quota never counts as a timeout.
/// For streaming the deadline applies to the wait for each update, so long answers that keep arriving never time out.
/// </summary>
public sealed class AttemptTimeoutChatClient : DelegatingChatClient
{
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;

    public AttemptTimeoutChatClient(IChatClient innerClient, TimeSpan timeout, TimeProvider? timeProvider = null)
        : base(innerClient)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _timeout = timeout;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var deadline = new CancellationTokenSource(_timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await base.GetResponseAsync(messages, options, linked.Token);
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(e);
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var deadline = new CancellationTokenSource(_timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        await using var stream = base.GetStreamingResponseAsync(messages, options, linked.Token).GetAsyncEnumerator(linked.Token);
        while (true)
        {
            ChatResponseUpdate update;
            try
            {
                if (!await stream.MoveNextAsync())
                {
                    yield break;
                }

                update = stream.Current;
            }
            catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(e);
            }

            deadline.CancelAfter(_timeout);
            yield return update;
        }
    }

    private TimeoutException TimedOut(Exception inner) =>
        new($"The service LLM sent no response within {_timeout.TotalSeconds:0.#} s (request_timeout).", inner);
}
