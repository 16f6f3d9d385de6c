namespace Understudy.Engine.Generation;

/// <summary>A generated continuation.</summary>
/// <param name="Text">The decoded generated tokens, cut before the first stop string.</param>
/// <param name="TokenIds">The generated token ids (no prompt, no EOS).</param>
/// <param name="FinishReason">Why generation stopped.</param>
/// <param name="PromptTokenCount">Tokens in the encoded prompt.</param>
public sealed record TextGenerationResult(string Text, IReadOnlyList<int> TokenIds, GenerationFinishReason FinishReason, int PromptTokenCount);
