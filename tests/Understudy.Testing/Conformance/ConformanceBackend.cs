using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace Understudy.Testing;

/// <summary>
/// The model behind every client in a conformance test: it answers <c>echo: &lt;last user text&gt;</c> with usage,
/// hangs until cancelled when the last user text is <see cref="HangPrompt"/>, and records what it received. It can
/// sit behind a <see cref="TestChatClient"/> (for middleware) or a <see cref="ScriptedOpenAiServer"/> (for providers).
/// </summary>
public sealed class ConformanceBackend
{
    /// <summary>The prompt that makes the backend never answer.</summary>
    public const string HangPrompt = "please hang";

    private readonly ConcurrentQueue<ObservedRequest> _observed = new();

    /// <summary>Requests received, in arrival order.</summary>
    public IReadOnlyList<ObservedRequest> Observed => _observed.ToList();

    /// <summary>The answer to a prompt.</summary>
    public static string AnswerTo(string lastUserText) => $"echo: {lastUserText}";

    /// <summary>A <see cref="TestChatClient"/> playing this backend.</summary>
    public TestChatClient CreateTestChatClient() => new()
    {
        GetResponseAsyncCallback = async (messages, options, ct) =>
        {
            ct.ThrowIfCancellationRequested();
            var list = messages.ToList();
            var lastUser = list.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
            _observed.Enqueue(new ObservedRequest
            {
                Messages = list.Select(m => (m.Role.Value, m.Text)).ToList(),
                ModelId = options?.ModelId,
                Temperature = options?.Temperature,
                TopP = options?.TopP,
                MaxOutputTokens = options?.MaxOutputTokens,
                Seed = options?.Seed,
                StopSequences = options?.StopSequences?.ToList() ?? [],
            });
            if (lastUser == HangPrompt)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            var answer = AnswerTo(lastUser);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, answer))
            {
                ModelId = options?.ModelId ?? "test-model",
                FinishReason = ChatFinishReason.Stop,
                Usage = new UsageDetails { InputTokenCount = 3 + lastUser.Length / 4, OutputTokenCount = 1 + answer.Length / 4 },
            };
        },
    };

    /// <summary>A <see cref="ScriptedOpenAiServer"/> playing this backend.</summary>
    public Task<ScriptedOpenAiServer> StartServerAsync(CancellationToken cancellationToken = default) =>
        ScriptedOpenAiServer.StartAsync(request =>
        {
            _observed.Enqueue(new ObservedRequest
            {
                Messages = request.Messages.Select(m => (m.Role.Value, m.Text)).ToList(),
                ModelId = request.Model,
                Temperature = request.Temperature,
                TopP = request.TopP,
                MaxOutputTokens = request.MaxTokens,
                Seed = request.Seed,
                StopSequences = request.Stop,
            });
            return request.LastUserText == HangPrompt
                ? ScriptedReply.HangUntilCancelled()
                : ScriptedReply.Text(AnswerTo(request.LastUserText));
        }, cancellationToken: cancellationToken);
}
