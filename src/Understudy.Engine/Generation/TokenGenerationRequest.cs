namespace Understudy.Engine.Generation;

/// <summary>One row of a batched generation: a prompt's token ids and how to continue it.</summary>
public sealed record TokenGenerationRequest
{
    /// <summary>Creates a request for <paramref name="promptIds"/> (at least one id).</summary>
    public TokenGenerationRequest(IReadOnlyList<int> promptIds, GenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(promptIds);
        ArgumentNullException.ThrowIfNull(options);
        if (promptIds.Count == 0) throw new ArgumentException("A prompt needs at least one token (e.g. BOS).", nameof(promptIds));
        options.Validate();
        PromptIds = promptIds;
        Options = options;
    }

    /// <summary>The prompt's token ids.</summary>
    public IReadOnlyList<int> PromptIds { get; }

    /// <summary>Sampling and stopping settings for this row.</summary>
    public GenerationOptions Options { get; }

    /// <summary>
    /// Called on the generation thread with each accepted token id and the row's generated ids so far (token included);
    /// return true to stop the row (finish reason <see cref="GenerationFinishReason.StopSequence"/>). EOS ids are not passed.
    /// </summary>
    public Func<int, IReadOnlyList<int>, bool>? OnToken { get; init; }

    /// <summary>Stops the row at the next step when cancelled.</summary>
    public CancellationToken CancellationToken { get; init; }
}
