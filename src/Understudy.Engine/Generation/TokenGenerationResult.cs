namespace Understudy.Engine.Generation;

/// <summary>A row's outcome: the generated ids (never the prompt, never the EOS id) and why it stopped.</summary>
/// <param name="TokenIds">Generated token ids.</param>
/// <param name="FinishReason">Why generation stopped.</param>
/// <param name="PromptTokenCount">Tokens in the prompt.</param>
public sealed record TokenGenerationResult(IReadOnlyList<int> TokenIds, GenerationFinishReason FinishReason, int PromptTokenCount);
