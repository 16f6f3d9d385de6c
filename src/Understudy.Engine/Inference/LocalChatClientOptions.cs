using Microsoft.Extensions.AI;
using Understudy.Engine.ChatTemplates;
using Understudy.Engine.Scheduling;

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

    /// <summary>Most requests generated together in one batch (the scheduler's max_batch_size unless <see cref="Scheduler"/> is set).</summary>
    public int MaxBatchSize { get; init; } = 8;

    /// <summary>
    /// Settings of the client's continuous-batching scheduler; when null, defaults with <see cref="MaxBatchSize"/>.
    /// When set, its own <see cref="SchedulerOptions.MaxBatchSize"/> applies.
    /// </summary>
    public SchedulerOptions? Scheduler { get; init; }

    /// <summary>The scheduler settings these options imply.</summary>
    public SchedulerOptions ResolveScheduler() => Scheduler ?? new SchedulerOptions { MaxBatchSize = MaxBatchSize };

    /// <summary>
    /// The options a model implies: its own chat template (the renderer fine-tuning uses), or for a base model
    /// without one, the messages' text joined by blank lines after the tokenizer's BOS.
    /// </summary>
    public static LocalChatClientOptions For(LocalModel model, int maxBatchSize = 8)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.ChatFormatter is { } formatter)
        {
            return new LocalChatClientOptions
            {
                PromptFormatter = messages => formatter.Render(messages.Select(ToTemplateMessage).ToList(), addGenerationPrompt: true),
                AddSpecialTokens = false,
                MaxBatchSize = maxBatchSize,
            };
        }
        return new LocalChatClientOptions
        {
            PromptFormatter = messages => string.Join("\n\n", messages.Select(m => m.Text)),
            AddSpecialTokens = true,
            MaxBatchSize = maxBatchSize,
        };
    }

    /// <summary>Maps a chat message to what templates see (role and text).</summary>
    public static ChatTemplateMessage ToTemplateMessage(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new ChatTemplateMessage(message.Role.Value, message.Text);
    }
}
