using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Understudy.Llm.Middleware.Caching;

/// <summary>
/// Answers a request from disk when the very same request (see <see cref="RequestFingerprint"/>) was answered
/// before, so re-running an evaluation costs nothing. Only successful responses are stored. A streamed response is
/// stored once complete and replayed as updates. Responses served from the cache carry
/// <see cref="CacheHitProperty"/> = true in their additional properties.
/// </summary>
public sealed class DiskCachingChatClient : DelegatingChatClient
{
    /// <summary>Additional-property key set to true on responses (and the first update) served from the cache.</summary>
    public const string CacheHitProperty = "understudy.cache_hit";

    private readonly DiskResponseCache _cache;

    public DiskCachingChatClient(IChatClient innerClient, string directory)
        : base(innerClient)
    {
        _cache = new DiskResponseCache(directory);
    }

    /// <summary>True when <paramref name="response"/> came from the cache.</summary>
    public static bool IsCacheHit(ChatResponse response) =>
        response?.AdditionalProperties?.TryGetValue(CacheHitProperty, out var hit) == true && hit is true;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var conversation = messages as IList<ChatMessage> ?? messages.ToList();
        var key = KeyFor(conversation, options);
        if (await _cache.TryReadAsync(key, cancellationToken) is { } cached)
        {
            return MarkHit(cached);
        }

        var response = await base.GetResponseAsync(conversation, options, cancellationToken);
        await _cache.WriteAsync(key, response, cancellationToken);
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var conversation = messages as IList<ChatMessage> ?? messages.ToList();
        var key = KeyFor(conversation, options);
        if (await _cache.TryReadAsync(key, cancellationToken) is { } cached)
        {
            var first = true;
            foreach (var update in cached.ToChatResponseUpdates())
            {
                if (first)
                {
                    (update.AdditionalProperties ??= [])[CacheHitProperty] = true;
                    first = false;
                }

                yield return update;
            }

            yield break;
        }

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(conversation, options, cancellationToken))
        {
            updates.Add(update);
            yield return update;
        }

        await _cache.WriteAsync(key, updates.ToChatResponse(), cancellationToken);
    }

    private string KeyFor(IList<ChatMessage> messages, ChatOptions? options) =>
        RequestFingerprint.Compute(messages, options, InnerClient.GetService<ChatClientMetadata>());

    private static ChatResponse MarkHit(ChatResponse response)
    {
        (response.AdditionalProperties ??= [])[CacheHitProperty] = true;
        return response;
    }
}
