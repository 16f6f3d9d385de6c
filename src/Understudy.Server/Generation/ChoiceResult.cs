namespace Understudy.Server.Generation;

/// <summary>A finished choice: its text, OpenAI finish reason and token counts.</summary>
internal sealed record ChoiceResult(int Index, string Text, string FinishReason, long PromptTokens, long CompletionTokens);
