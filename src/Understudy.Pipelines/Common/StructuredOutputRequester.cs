using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Understudy.Pipelines.Common;

/// <summary>
/// Asks a chat client for a structured answer and validates it. A malformed answer is re-asked (showing the model
/// its answer and what was wrong) up to <c>maxReasks</c> times — a budget separate from the transport retries the
/// client's middleware does on 429/5xx/timeouts. Never throws for a bad answer or a failed call: the outcome
/// says why; only cancellation of <c>cancellationToken</c> escapes.
/// </summary>
public static class StructuredOutputRequester
{
    public static async Task<StructuredOutcome<T>> AskAsync<T>(
        IChatClient client,
        IReadOnlyList<ChatMessage> prompt,
        ChatOptions options,
        Func<string, ParseResult<T>> parse,
        int maxReasks,
        TokenUsage usage,
        CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(usage);

        var conversation = new List<ChatMessage>(prompt);
        var clock = Stopwatch.StartNew();
        long inputTokens = 0, outputTokens = 0;
        string rawText = "", reason = "", modelId = options.ModelId ?? "";
        int attempts = 0;
        while (attempts <= maxReasks)
        {
            attempts++;
            ChatResponse response;
            try
            {
                response = await client.GetResponseAsync(conversation, options, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                return new(null, $"transport: {e.GetType().Name}: {e.Message}", rawText, attempts,
                    inputTokens, outputTokens, clock.Elapsed, modelId);
            }

            usage.Add(response.Usage);
            inputTokens += response.Usage?.InputTokenCount ?? 0;
            outputTokens += response.Usage?.OutputTokenCount ?? 0;
            modelId = response.ModelId ?? modelId;
            rawText = response.Text;
            ParseResult<T> parsed = parse(rawText);
            if (parsed.Value is { } value)
            {
                return new(value, null, rawText, attempts, inputTokens, outputTokens, clock.Elapsed, modelId);
            }

            reason = $"malformed: {parsed.Error}";
            conversation.Add(new ChatMessage(ChatRole.Assistant, rawText));
            conversation.Add(new ChatMessage(ChatRole.User,
                $"That answer could not be used: {parsed.Error}. Answer again with only the JSON object in the requested format."));
        }
        return new(null, $"{reason} (after {attempts} attempts)", rawText, attempts, inputTokens, outputTokens, clock.Elapsed, modelId);
    }
}
