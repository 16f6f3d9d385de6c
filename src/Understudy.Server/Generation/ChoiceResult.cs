namespace Understudy.Server.Generation;

/// <summary>
/// A finished choice: its text, OpenAI finish reason and token counts, and, when the chat client said so, the route
/// that answered (<c>primary</c> or <c>fallback</c>) and the model it reported.
/// </summary>
internal sealed record ChoiceResult(int Index, string Text, string FinishReason, long PromptTokens, long CompletionTokens, string? Route = null, string? ModelId = null);
