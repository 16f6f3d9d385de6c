namespace Understudy.Server.Generation;

/// <summary>Progress of one choice: a piece of text, or (with <see cref="FinishReason"/>) its end.</summary>
internal sealed record ChoiceEvent(int Index, string? Text, string? FinishReason);
