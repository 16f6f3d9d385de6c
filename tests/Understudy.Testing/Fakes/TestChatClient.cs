using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Understudy.Testing;

/// <summary>
/// A delegate-driven <see cref="IChatClient"/> for unit tests: each member does what its callback says. Without a
/// streaming callback, streaming replays the non-streaming response as updates. Counts the calls it received.
/// </summary>
public sealed class TestChatClient : IChatClient
{
    private int _callCount;

    /// <summary>Answers <see cref="GetResponseAsync"/>.</summary>
    public Func<IEnumerable<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>>? GetResponseAsyncCallback { get; set; }

    /// <summary>Answers <see cref="GetStreamingResponseAsync"/>; null = replay <see cref="GetResponseAsyncCallback"/>.</summary>
    public Func<IEnumerable<ChatMessage>, ChatOptions?, CancellationToken, IAsyncEnumerable<ChatResponseUpdate>>? GetStreamingResponseAsyncCallback { get; set; }

    /// <summary>Answers <see cref="GetService"/>; null = this client's <see cref="Metadata"/> for <see cref="ChatClientMetadata"/>.</summary>
    public Func<Type, object?, object?>? GetServiceCallback { get; set; }

    /// <summary>Reported for <c>GetService(typeof(ChatClientMetadata))</c>.</summary>
    public ChatClientMetadata Metadata { get; set; } = new("test", new Uri("http://127.0.0.1/"), "test-model");

    /// <summary>Calls received so far (both streaming and non-streaming).</summary>
    public int CallCount => Volatile.Read(ref _callCount);

    /// <summary>A client that answers every request with <paramref name="text"/> and the given usage.</summary>
    public static TestChatClient Answering(string text, long inputTokens = 10, long outputTokens = 5) => new()
    {
        GetResponseAsyncCallback = (_, options, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = options?.ModelId ?? "test-model",
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens, TotalTokenCount = inputTokens + outputTokens },
        }),
    };

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _callCount);
        var callback = GetResponseAsyncCallback ?? throw new InvalidOperationException($"{nameof(GetResponseAsyncCallback)} is not set.");
        return callback(messages, options, cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _callCount);
        return GetStreamingResponseAsyncCallback is { } callback
            ? callback(messages, options, cancellationToken)
            : ReplayAsync(messages, options, cancellationToken);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (GetServiceCallback is { } callback)
        {
            return callback(serviceType, serviceKey);
        }

        return serviceKey is null && serviceType.IsInstanceOfType(Metadata) ? Metadata
            : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private async IAsyncEnumerable<ChatResponseUpdate> ReplayAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var callback = GetResponseAsyncCallback ?? throw new InvalidOperationException($"{nameof(GetResponseAsyncCallback)} is not set.");
        var response = await callback(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return update;
        }
    }
}
