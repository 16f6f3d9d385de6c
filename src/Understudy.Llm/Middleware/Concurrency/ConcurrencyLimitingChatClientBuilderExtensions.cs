using Microsoft.Extensions.AI;

namespace Understudy.Llm.Middleware.Concurrency;

/// <summary>Adds <see cref="ConcurrencyLimitingChatClient"/> to a <see cref="ChatClientBuilder"/>.</summary>
public static class ConcurrencyLimitingChatClientBuilderExtensions
{
    /// <summary>Lets at most <paramref name="maxConcurrency"/> calls be in flight at once.</summary>
    public static ChatClientBuilder UseConcurrencyLimit(this ChatClientBuilder builder, int maxConcurrency)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new ConcurrencyLimitingChatClient(inner, maxConcurrency));
    }
}
