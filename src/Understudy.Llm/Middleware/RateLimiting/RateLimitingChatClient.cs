using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;

namespace Understudy.Llm.Middleware.RateLimiting;

/// <summary>
/// Holds each call until the quota of its <see cref="ServiceRateLimiter"/> allows it (requests per minute and
/// tokens per minute), then reconciles the token charge with the usage the provider reports. Throughput rises
/// with the number of concurrent callers until it reaches the quota, and stays there.
/// </summary>
public sealed class RateLimitingChatClient : DelegatingChatClient
{
    private readonly ServiceRateLimiter _limiter;

    public RateLimitingChatClient(IChatClient innerClient, ServiceRateLimiter limiter)
        : base(innerClient)
    {
        _limiter = limiter ?? throw new ArgumentNullException(nameof(limiter));
    }

    /// <summary>The quota this client spends (shared with every client built on the same limiter).</summary>
    public ServiceRateLimiter Limiter => _limiter;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var conversation = messages as IList<ChatMessage> ?? messages.ToList();
        var estimate = TokenEstimator.EstimateRequest(conversation, options);
        await _limiter.AcquireAsync(estimate, cancellationToken);
        var response = await base.GetResponseAsync(conversation, options, cancellationToken);
        _limiter.Reconcile(estimate, TokenEstimator.Actual(response.Usage, estimate - (options?.MaxOutputTokens ?? 0), response.Text));
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var conversation = messages as IList<ChatMessage> ?? messages.ToList();
        var estimate = TokenEstimator.EstimateRequest(conversation, options);
        await _limiter.AcquireAsync(estimate, cancellationToken);
        var text = new StringBuilder();
        UsageDetails? usage = null;
        await foreach (var update in base.GetStreamingResponseAsync(conversation, options, cancellationToken))
        {
            text.Append(update.Text);
            foreach (var content in update.Contents.OfType<UsageContent>())
            {
                usage ??= new UsageDetails();
                usage.Add(content.Details);
            }

            yield return update;
        }

        _limiter.Reconcile(estimate, TokenEstimator.Actual(usage, estimate - (options?.MaxOutputTokens ?? 0), text.ToString()));
    }
}
