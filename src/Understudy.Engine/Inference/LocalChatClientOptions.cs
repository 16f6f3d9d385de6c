using Microsoft.Extensions.AI;

namespace Understudy.Engine.Inference;

/// <summary>Settings of a <see cref="LocalChatClient"/>.</summary>
public sealed record LocalChatClientOptions
{
    /// <summary>
    /// Renders a conversation into the prompt text the model continues (the model's chat template with
    /// add_generation_prompt). Fine-tuning must use the same renderer.
    /// </summary>
    public required Func<IReadOnlyList<ChatMessage>, string> PromptFormatter { get; init; }

    /// <summary>
    /// Whether the rendered prompt still needs the tokenizer's BOS/EOS rules. False for chat templates, which write
    /// their own special tokens.
    /// </summary>
    public bool AddSpecialTokens { get; init; }

    /// <summary>Most requests generated together in one batch.</summary>
    public int MaxBatchSize { get; init; } = 8;
}
