using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Understudy.Llm.Errors;

namespace Understudy.Llm.Middleware.Retries;

/// <summary>
/// Retries failed calls on 429, 5xx, timeouts and connection errors with exponential backoff and full jitter,
/// honouring <c>Retry-After</c>. Place it outside the rate limiter so that every retry is counted against the
/// quota. When it gives up it throws a <see cref="ServiceLlmException"/> naming the attempts and the last status.
/// A streaming call is retried only until its first update has been yielded.
/// </summary>
public sealed class RetryingChatClient : DelegatingChatClient
{
    private readonly RetryOptions _options;
    private readonly TimeProvider _timeProvider;

    public RetryingChatClient(IChatClient innerClient, RetryOptions? options = null, TimeProvider? timeProvider = null)
        : base(innerClient)
    {
        _options = options ?? new RetryOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxAttempts, 1, nameof(options));
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var conversation = messages as IList<ChatMessage> ?? messages.ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await base.GetResponseAsync(conversation, options, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && ServiceFailureClassifier.Classify(e) is { } failure)
            {
                await WaitBeforeRetryOrThrowAsync(attempt, failure, e, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var conversation = messages as IList<ChatMessage> ?? messages.ToList();
        IAsyncEnumerator<ChatResponseUpdate>? stream = null;
        try
        {
            for (var attempt = 1; stream is null; attempt++)
            {
                var candidate = base.GetStreamingResponseAsync(conversation, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
                try
                {
                    if (!await candidate.MoveNextAsync())
                    {
                        await candidate.DisposeAsync();
                        yield break;
                    }

                    stream = candidate;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && ServiceFailureClassifier.Classify(e) is { } failure)
                {
                    await candidate.DisposeAsync();
                    await WaitBeforeRetryOrThrowAsync(attempt, failure, e, cancellationToken);
                }
            }

            do
            {
                yield return stream.Current;
            }
            while (await stream.MoveNextAsync());
        }
        finally
        {
            if (stream is not null)
            {
                await stream.DisposeAsync();
            }
        }
    }

    private async Task WaitBeforeRetryOrThrowAsync(int attempt, ServiceFailure failure, Exception error, CancellationToken cancellationToken)
    {
        if (!failure.IsTransient)
        {
            throw new ServiceLlmException(
                $"The service LLM call failed with {failure.Description}; not retried: {error.Message}",
                failure.StatusCode, failure.RetryAfter, isTransient: false, attempt, error);
        }

        if (attempt >= _options.MaxAttempts)
        {
            throw new ServiceLlmException(
                $"The service LLM call failed {attempt} times; last error {failure.Description}: {error.Message}",
                failure.StatusCode, failure.RetryAfter, isTransient: true, attempt, error);
        }

        if (failure.RetryAfter > _options.MaxRetryAfter)
        {
            throw new ServiceLlmException(
                $"The service LLM asked to retry after {failure.RetryAfter}, longer than the {_options.MaxRetryAfter} allowed; " +
                $"last error {failure.Description}: {error.Message}",
                failure.StatusCode, failure.RetryAfter, isTransient: true, attempt, error);
        }

        var delay = RetryDelay.For(attempt, failure, _options);
        _options.OnRetry?.Invoke(new RetryAttempt(attempt, failure, delay));
        await Task.Delay(delay, _timeProvider, cancellationToken);
    }
}
