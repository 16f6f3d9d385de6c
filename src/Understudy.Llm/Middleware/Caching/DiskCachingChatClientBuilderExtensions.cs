using Microsoft.Extensions.AI;

namespace Understudy.Llm.Middleware.Caching;

/// <summary>Adds <see cref="DiskCachingChatClient"/> to a <see cref="ChatClientBuilder"/>.</summary>
public static class DiskCachingChatClientBuilderExtensions
{
    /// <summary>Caches successful responses in <paramref name="directory"/>, keyed by the full request.</summary>
    public static ChatClientBuilder UseDiskCache(this ChatClientBuilder builder, string directory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return builder.Use(inner => new DiskCachingChatClient(inner, directory));
    }
}
