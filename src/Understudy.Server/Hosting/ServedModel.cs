using Microsoft.Extensions.AI;
using Understudy.Engine.Inference;
using Understudy.Engine.Scheduling;

namespace Understudy.Server.Hosting;

/// <summary>
/// What the server serves: one model id and the engine surfaces the endpoints drive. The seam between HTTP and the
/// engine: <see cref="FromLocalModel"/> builds it over a <see cref="LocalModel"/>; tests may pass their own clients.
/// </summary>
public sealed class ServedModel : IDisposable
{
    /// <summary>The model id clients send as <c>model</c> and see in responses.</summary>
    public required string Id { get; init; }

    /// <summary>Answers conversations (the model's chat template is applied inside).</summary>
    public required IChatClient Chat { get; init; }

    /// <summary>Continues raw prompts: the single user message's text is the prompt, verbatim, without a chat template.</summary>
    public required IChatClient RawCompletions { get; init; }

    /// <summary>Embeds texts, or null when embeddings are not served.</summary>
    public IEmbeddingGenerator<string, Embedding<float>>? Embeddings { get; init; }

    /// <summary>Width of the vectors <see cref="Embeddings"/> returns.</summary>
    public int EmbeddingDimensions { get; init; }

    /// <summary><c>max_tokens</c> of a chat request that sets none (before the server's cap).</summary>
    public int DefaultMaxTokens { get; init; } = 256;

    /// <summary>The engine's own queue and running batch, when it reports them; null to report the server's admission counts.</summary>
    public Func<EngineLoad>? Load { get; init; }

    /// <summary>The disposables owned (clients); the model itself stays the caller's.</summary>
    public IReadOnlyList<IDisposable> Owned { get; init; } = [];

    /// <summary>
    /// Serves <paramref name="model"/> (not owned) on one <see cref="ContinuousBatchScheduler"/>: chat through its chat
    /// template (or <paramref name="chatOptions"/>' prompt formatter) and raw completions share the running batch;
    /// embeddings are mean-pooled hidden states. The engine's queue and batch are reported through <see cref="Load"/>.
    /// </summary>
    public static ServedModel FromLocalModel(LocalModel model, SchedulerOptions? scheduling = null, string? id = null, LocalChatClientOptions? chatOptions = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        scheduling ??= new SchedulerOptions();
        var scheduler = new ContinuousBatchScheduler(model, scheduling);
        var chat = new LocalChatClient(scheduler, chatOptions ?? LocalChatClientOptions.For(model, scheduling.MaxBatchSize));
        var raw = new LocalChatClient(scheduler, new LocalChatClientOptions
        {
            PromptFormatter = messages => messages.Count == 1 ? messages[0].Text : throw new ArgumentException("A raw completion takes exactly one prompt."),
            AddSpecialTokens = true,
        });
        var embeddings = new LocalEmbeddingGenerator(model, scheduling.MaxBatchSize);
        return new ServedModel
        {
            Id = id ?? model.Id,
            Chat = chat,
            RawCompletions = raw,
            Embeddings = embeddings,
            EmbeddingDimensions = model.Model.Config.HiddenSize,
            DefaultMaxTokens = model.DefaultOptions.MaxNewTokens,
            Load = () =>
            {
                SchedulerMetrics now = scheduler.Metrics;
                return new EngineLoad(now.QueueDepth, now.RunningSequences);
            },
            // Clients first: the scheduler they share stops last.
            Owned = [chat, raw, embeddings, scheduler],
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var owned in Owned) owned.Dispose();
    }
}
