using Microsoft.Extensions.AI;

namespace Understudy.Llm.Middleware.Timeouts;

/// <summary>Adds <see cref="AttemptTimeoutChatClient"/> to a <see cref="ChatClientBuilder"/>.</summary>
public static class AttemptTimeoutChatClientBuilderExtensions
{
    /// <summary>Fails an attempt with a <see cref="TimeoutException"/> when no response arrives within <paramref name="timeout"/>.</summary>
    public static ChatClientBuilder UseAttemptTimeout(this ChatClientBuilder builder, TimeSpan timeout, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new AttemptTimeoutChatClient(inner, timeout, timeProvider));
    }
}
