using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Understudy.Server.Hosting;
using Understudy.Testing;

namespace Understudy.Server.Tests.Support;

/// <summary>Served models over <see cref="TestChatClient"/>s, for behaviour that needs control over timing.</summary>
public static class FakeServedModels
{
    /// <summary>Serves <paramref name="chat"/> for both chat and raw completions.</summary>
    public static ServedModel Over(IChatClient chat) => new() { Id = ServerHarness.ModelId, Chat = chat, RawCompletions = chat };

    /// <summary>
    /// A client that streams "tick" pieces until its cancellation token fires, then records that it saw the cancellation
    /// (as the engine frees a cancelled sequence).
    /// </summary>
    public static TestChatClient Endless(TaskCompletionSource cancelled) => new()
    {
        GetStreamingResponseAsyncCallback = (_, _, cancellationToken) => Ticks(cancelled, cancellationToken),
    };

    /// <summary>A client whose every answer waits for <paramref name="release"/>, counting callers in <paramref name="started"/>.</summary>
    public static TestChatClient Gated(Task release, Action started) => new()
    {
        GetStreamingResponseAsyncCallback = (_, _, cancellationToken) => AfterAsync(release, started, cancellationToken),
    };

    private static async IAsyncEnumerable<ChatResponseUpdate> Ticks(TaskCompletionSource cancelled, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() => cancelled.TrySetResult());
        while (true)
        {
            await Task.Delay(5, CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, "tick ");
        }
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> AfterAsync(Task release, Action started, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        started();
        await release.WaitAsync(cancellationToken);
        yield return new ChatResponseUpdate(ChatRole.Assistant, "done");
        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = 3, OutputTokenCount = 1 })])
        {
            FinishReason = ChatFinishReason.Stop,
        };
    }
}
