using Microsoft.Extensions.AI;

namespace Understudy.Llm.Middleware.Retries;

/// <summary>Adds <see cref="RetryingChatClient"/> to a <see cref="ChatClientBuilder"/>.</summary>
public static class RetryingChatClientBuilderExtensions
{
    /// <summary>
    /// Retries transient failures (429, 5xx, timeouts, connection errors) with backoff and jitter, honouring
    /// Retry-After. Add it before (outside) <c>UseRateLimiting</c> so that retries count against the quota.
    /// </summary>
    public static ChatClientBuilder UseRetries(this ChatClientBuilder builder, RetryOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new RetryingChatClient(inner, options, timeProvider));
    }
}
