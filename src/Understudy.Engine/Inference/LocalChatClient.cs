using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Understudy.Engine.Generation;
using Understudy.Engine.Generation.Constraints;
using Understudy.Engine.Scheduling;

namespace Understudy.Engine.Inference;

/// <summary>
/// <see cref="IChatClient"/> over a <see cref="LocalModel"/>. Thread-safe: requests go to a
/// <see cref="ContinuousBatchScheduler"/>, where they join and leave the running batch at token boundaries
/// (<c>GetService(typeof(ContinuousBatchScheduler))</c> returns it). Honours instructions, temperature, top-p, top-k,
/// seed, max output tokens, stop sequences and JSON response format; fills usage, finish reason and model id.
/// </summary>
public sealed class LocalChatClient : IChatClient
{
    /// <summary>The provider name in <see cref="ChatClientMetadata"/>.</summary>
    public const string ProviderName = "understudy-local";

    private readonly LocalModel _model;
    private readonly LocalChatClientOptions _options;
    private readonly ContinuousBatchScheduler _scheduler;
    private readonly bool _ownsScheduler;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Starts a scheduler over <paramref name="model"/> (the model is not owned; the scheduler is).</summary>
    public LocalChatClient(LocalModel model, LocalChatClientOptions options)
        : this(model, options, new ContinuousBatchScheduler(model, Validated(options).ResolveScheduler()), ownsScheduler: true)
    {
    }

    /// <summary>A client that formats prompts with the model's own chat template (see <see cref="LocalChatClientOptions.For"/>).</summary>
    public LocalChatClient(LocalModel model) : this(model, LocalChatClientOptions.For(model))
    {
    }

    /// <summary>A client on an existing scheduler (shared with other callers, not owned).</summary>
    public LocalChatClient(ContinuousBatchScheduler scheduler, LocalChatClientOptions options)
        : this(NotNull(scheduler).Model, options, scheduler, ownsScheduler: false)
    {
    }

    private LocalChatClient(LocalModel model, LocalChatClientOptions options, ContinuousBatchScheduler scheduler, bool ownsScheduler)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scheduler);
        _model = model;
        _options = options;
        _scheduler = scheduler;
        _ownsScheduler = ownsScheduler;
        _metadata = new ChatClientMetadata(ProviderName, null, model.Id);
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = CreateRequest(messages, options);
        var text = new StringBuilder();
        GeneratedToken? last = null;
        await foreach (var token in _scheduler.GenerateAsync(request, cancellationToken).ConfigureAwait(false))
        {
            text.Append(token.Text);
            last = token;
        }
        cancellationToken.ThrowIfCancellationRequested();
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text.ToString()))
        {
            ModelId = _model.Id,
            ResponseId = Guid.NewGuid().ToString("N"),
            CreatedAt = DateTimeOffset.UtcNow,
            FinishReason = ToChatFinishReason(last!.FinishReason!.Value),
            Usage = ToUsage(last.Usage!),
        };
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = CreateRequest(messages, options);
        string responseId = Guid.NewGuid().ToString("N");
        await foreach (var token in _scheduler.GenerateAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (token.Text.Length > 0)
                yield return new ChatResponseUpdate(ChatRole.Assistant, token.Text) { ModelId = _model.Id, ResponseId = responseId };
            if (!token.IsLast) continue;
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(ToUsage(token.Usage!))])
            {
                ModelId = _model.Id,
                ResponseId = responseId,
                FinishReason = ToChatFinishReason(token.FinishReason!.Value),
            };
        }
    }

    private SequenceRequest CreateRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (options?.ModelId is { } requested && requested != _model.Id)
            throw new ArgumentException($"This client serves '{_model.Id}', not '{requested}'.", nameof(options));
        var conversation = messages.ToList();
        var generation = ChatOptionsMapping.ToGenerationOptions(options, _model.DefaultOptions);
        bool json = options?.ResponseFormat is ChatResponseFormatJson;
        string? instructions = JsonResponseFormat.Instructions(options?.Instructions, options?.ResponseFormat as ChatResponseFormatJson);
        if (!string.IsNullOrWhiteSpace(instructions)) conversation.Insert(0, new ChatMessage(ChatRole.System, instructions));
        string prompt = _options.PromptFormatter(conversation);
        var ids = _model.Tokenizer.Encode(prompt, _options.AddSpecialTokens);
        if (ids.Count == 0 && _model.Tokenizer.BosTokenId is int bos) ids = [bos];
        if (ids.Count == 0) throw new ArgumentException("The prompt encodes to no tokens and the tokenizer has no BOS token.", nameof(messages));
        return new SequenceRequest(ids, generation)
        {
            StopWhen = json ? JsonResponseFormat.IsCompleteValue : null,
            Constraint = json ? new JsonTokenConstraint(TokenTexts.For(_model.Tokenizer), generation.EosTokenIds) : null,
        };
    }

    private static ContinuousBatchScheduler NotNull(ContinuousBatchScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        return scheduler;
    }

    private static LocalChatClientOptions Validated(LocalChatClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxBatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxBatchSize must be ≥ 1.");
        return options;
    }

    private static ChatFinishReason ToChatFinishReason(GenerationFinishReason reason) => reason switch
    {
        GenerationFinishReason.Length => ChatFinishReason.Length,
        _ => ChatFinishReason.Stop,
    };

    private static UsageDetails ToUsage(SequenceUsage usage) => new()
    {
        InputTokenCount = usage.PromptTokenCount,
        OutputTokenCount = usage.OutputTokenCount,
        TotalTokenCount = usage.TotalTokenCount,
    };

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(ChatClientMetadata)) return _metadata;
        if (serviceType == typeof(LocalModel)) return _model;
        if (serviceType == typeof(ContinuousBatchScheduler)) return _scheduler;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsScheduler) _scheduler.Dispose();
    }
}
