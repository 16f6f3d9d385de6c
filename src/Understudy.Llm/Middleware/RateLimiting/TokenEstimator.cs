using Microsoft.Extensions.AI;

namespace Understudy.Llm.Middleware.RateLimiting;

/// <summary>
/// Estimates the tokens a request will be charged before it is sent: about 4 characters per token for the
/// prompt plus the requested <c>max_tokens</c>, which providers such as OpenAI count against the quota up front.
/// </summary>
public static class TokenEstimator
{
    private const int CharactersPerToken = 4;
    private const int TokensPerMessage = 4;

    public static long EstimateRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        long tokens = 0;
        foreach (var message in messages)
        {
            tokens += TokensPerMessage + (message.Text.Length + CharactersPerToken - 1) / CharactersPerToken;
        }

        return tokens + (options?.MaxOutputTokens ?? 0);
    }

    /// <summary>Tokens actually used, from the reported usage or, when none was reported, from the text lengths.</summary>
    public static long Actual(UsageDetails? usage, long estimatedInput, string outputText)
    {
        if (usage?.TotalTokenCount is { } total)
        {
            return total;
        }

        if (usage is { InputTokenCount: not null } || usage is { OutputTokenCount: not null })
        {
            return (usage.InputTokenCount ?? estimatedInput) + (usage.OutputTokenCount ?? 0);
        }

        return estimatedInput + (outputText.Length + CharactersPerToken - 1) / CharactersPerToken;
    }
}
