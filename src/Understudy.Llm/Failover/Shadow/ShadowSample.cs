using Microsoft.Extensions.AI;

namespace Understudy.Llm.Failover.Shadow;

/// <summary>One live request answered by both the primary (the reference) and, in the background, the fallback.</summary>
/// <param name="Messages">The request's messages.</param>
/// <param name="Options">The request's options (may be null).</param>
/// <param name="Primary">The primary's answer, returned to the caller.</param>
/// <param name="Fallback">The fallback's answer, never seen by the caller.</param>
/// <param name="At">When the primary answered.</param>
public sealed record ShadowSample(
    IReadOnlyList<ChatMessage> Messages, ChatOptions? Options, ChatResponse Primary, ChatResponse Fallback, DateTimeOffset At);
