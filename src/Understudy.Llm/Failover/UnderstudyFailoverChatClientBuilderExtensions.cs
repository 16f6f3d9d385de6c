using Microsoft.Extensions.AI;

namespace Understudy.Llm.Failover;

/// <summary>Adds <see cref="UnderstudyFailoverChatClient"/> to a <see cref="ChatClientBuilder"/>.</summary>
public static class UnderstudyFailoverChatClientBuilderExtensions
{
    /// <summary>
    /// Falls back to <paramref name="fallback"/> (the understudy) when the client built so far (the primary) fails,
    /// times out or has its circuit open. Put it outermost, above the primary's retries, so a retried call counts once.
    /// </summary>
    public static ChatClientBuilder UseFailover(this ChatClientBuilder builder, IChatClient fallback, FailoverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(fallback);
        return builder.Use(primary => new UnderstudyFailoverChatClient(primary, fallback, options));
    }
}
