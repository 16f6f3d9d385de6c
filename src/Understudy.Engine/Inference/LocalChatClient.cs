using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Understudy.Engine.Generation;

namespace Understudy.Engine.Inference;

/// <summary>
/// <see cref="IChatClient"/> over a <see cref="LocalModel"/>. Thread-safe: requests go to a queue in front of one
/// generation loop, which batches whatever is waiting. Honours instructions, temperature, top-p, top-k, seed,
/// max output tokens, stop sequences and JSON response format; fills usage, finish reason and model id.
/// </summary>
public sealed class LocalChatClient : IChatClient
{
    /// <summary>The provider name in <see cref="ChatClientMetadata"/>.</summary>
    public const string ProviderName = "understudy-local";

    private readonly LocalModel _model;
    private readonly LocalChatClientOptions _options;
    private readonly GenerationQueue _queue;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Starts the client's generation loop over <paramref name="model"/> (not owned).</summary>
    public LocalChatClient(LocalModel model, LocalChatClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxBatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxBatchSize must be ≥ 1.");
        _model = model;
        _options = options;
        _queue = new GenerationQueue(model, options.MaxBatchSize);
        _metadata = new ChatClientMetadata(ProviderName, null, model.Id);
    }

    /// <summary>A client that formats prompts with the model's own chat template (see <see cref="LocalChatClientOptions.For"/>).</summary>
    public LocalChatClient(LocalModel model) : this(model, LocalChatClientOptions.For(model))
    {
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = CreateRequest(messages, options, onText: null, cancellationToken);
        TextGenerationResult result = await _queue.Enqueue(request).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, result.Text))
        {
            ModelId = _model.Id,
            ResponseId = Guid.NewGuid().ToString("N"),
            CreatedAt = DateTimeOffset.UtcNow,
            FinishReason = ToChatFinishReason(result.FinishReason),
            Usage = ToUsage(result),
        };
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pieces = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var request = CreateRequest(messages, options, piece => pieces.Writer.TryWrite(piece), cancellationToken);
        Task<TextGenerationResult> completion = _queue.Enqueue(request);
        _ = completion.ContinueWith(t => pieces.Writer.TryComplete(t.Exception?.InnerException), TaskScheduler.Default);

        string responseId = Guid.NewGuid().ToString("N");
        await foreach (string piece in pieces.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, piece) { ModelId = _model.Id, ResponseId = responseId };
        }
        TextGenerationResult result = await completion.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(ToUsage(result))])
        {
            ModelId = _model.Id,
            ResponseId = responseId,
            FinishReason = ToChatFinishReason(result.FinishReason),
        };
    }

    private TextGenerationRequest CreateRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, Action<string>? onText, CancellationToken cancellationToken)
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
        return new TextGenerationRequest(prompt, generation)
        {
            AddSpecialTokens = _options.AddSpecialTokens,
            OnText = onText,
            StopWhen = json ? JsonResponseFormat.IsCompleteValue : null,
            CancellationToken = cancellationToken,
        };
    }

    private static ChatFinishReason ToChatFinishReason(GenerationFinishReason reason) => reason switch
    {
        GenerationFinishReason.Length => ChatFinishReason.Length,
        _ => ChatFinishReason.Stop,
    };

    private static UsageDetails ToUsage(TextGenerationResult result) => new()
    {
        InputTokenCount = result.PromptTokenCount,
        OutputTokenCount = result.TokenIds.Count,
        TotalTokenCount = result.PromptTokenCount + result.TokenIds.Count,
    };

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(ChatClientMetadata)) return _metadata;
        if (serviceType == typeof(LocalModel)) return _model;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose() => _queue.Dispose();
}
