using Microsoft.Extensions.AI;

namespace Understudy.Server.Generation;

/// <summary>One choice to generate: its index in the response, the conversation (or raw prompt) and its options.</summary>
internal sealed record ChoiceJob(int Index, IReadOnlyList<ChatMessage> Messages, ChatOptions Options);
