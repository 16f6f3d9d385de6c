using Microsoft.Extensions.AI;

namespace Understudy.Llm.Middleware.Secrets;

/// <summary>Adds <see cref="SecretRedactingChatClient"/> to a <see cref="ChatClientBuilder"/>.</summary>
public static class SecretRedactingChatClientBuilderExtensions
{
    /// <summary>Masks <paramref name="secrets"/> (API keys) in any exception that passes through.</summary>
    public static ChatClientBuilder UseSecretRedaction(this ChatClientBuilder builder, params string[] secrets)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new SecretRedactingChatClient(inner, secrets));
    }
}
