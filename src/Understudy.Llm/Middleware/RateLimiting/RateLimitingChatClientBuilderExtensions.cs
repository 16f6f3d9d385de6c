using Microsoft.Extensions.AI;

namespace Understudy.Llm.Middleware.RateLimiting;

/// <summary>Adds <see cref="RateLimitingChatClient"/> to a <see cref="ChatClientBuilder"/>.</summary>
public static class RateLimitingChatClientBuilderExtensions
{
    /// <summary>Enforces <paramref name="limiter"/>'s quota; share one limiter between clients that spend the same quota.</summary>
    public static ChatClientBuilder UseRateLimiting(this ChatClientBuilder builder, ServiceRateLimiter limiter)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(limiter);
        return builder.Use(inner => new RateLimitingChatClient(inner, limiter));
    }

    /// <summary>Enforces a quota of its own: requests and tokens per minute (0 = not limited).</summary>
    public static ChatClientBuilder UseRateLimiting(
        this ChatClientBuilder builder, int requestsPerMinute, int tokensPerMinute = 0, TimeProvider? timeProvider = null) =>
        builder.UseRateLimiting(new ServiceRateLimiter(
            new RateLimitOptions { RequestsPerMinute = requestsPerMinute, TokensPerMinute = tokensPerMinute }, timeProvider));
}
