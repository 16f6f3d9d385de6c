using Microsoft.Extensions.AI;
using Understudy.Testing;

namespace Understudy.Pipelines.Tests.Fakes;

/// <summary>Builders of <see cref="TestChatClient"/>s whose answer depends on the first user message (the task, not a re-ask).</summary>
public static class ChatClients
{
    public static TestChatClient From(Func<string, string> answer, long inputTokens = 10, long outputTokens = 5) => new()
    {
        GetResponseAsyncCallback = (messages, options, _) => Task.FromResult(Response(answer(FirstUserText(messages)), options, inputTokens, outputTokens)),
    };

    public static TestChatClient FromAsync(Func<string, CancellationToken, Task<string>> answer) => new()
    {
        GetResponseAsyncCallback = async (messages, options, ct) => Response(await answer(FirstUserText(messages), ct), options, 10, 5),
    };

    public static string FirstUserText(IEnumerable<ChatMessage> messages) => messages.First(m => m.Role == ChatRole.User).Text;

    private static ChatResponse Response(string text, ChatOptions? options, long inputTokens, long outputTokens) =>
        new(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = options?.ModelId ?? "test-model",
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens },
        };
}
