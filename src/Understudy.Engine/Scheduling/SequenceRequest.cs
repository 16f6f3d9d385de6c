using Understudy.Engine.Generation;
using Understudy.Engine.Generation.Constraints;

namespace Understudy.Engine.Scheduling;

/// <summary>
/// One sequence for a <see cref="ContinuousBatchScheduler"/>: the prompt's token ids and how to continue it. Sampling
/// (temperature, top-k, top-p, min-p, repetition penalty, seed), stop strings, EOS ids and max_new_tokens live in
/// <see cref="Options"/>; start from the model's <see cref="Inference.LocalModel.DefaultOptions"/> so its EOS ids apply.
/// </summary>
public sealed record SequenceRequest
{
    /// <summary>Creates a request for <paramref name="promptIds"/> (at least one id).</summary>
    public SequenceRequest(IReadOnlyList<int> promptIds, GenerationOptions options)
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

    /// <summary>Sampling and stopping settings of this sequence alone.</summary>
    public GenerationOptions Options { get; }

    /// <summary>
    /// Stops the sequence (finish reason <see cref="GenerationFinishReason.StopSequence"/>) when it returns true for the
    /// text generated so far, e.g. once a complete JSON value is out. Runs on the scheduler's thread at each token:
    /// keep it quick.
    /// </summary>
    public Func<string, bool>? StopWhen { get; init; }

    /// <summary>
    /// Restricts the tokens this sequence may produce (e.g. <see cref="JsonTokenConstraint"/> for JSON mode); one
    /// instance per request, used on the scheduler's thread.
    /// </summary>
    public ITokenConstraint? Constraint { get; init; }
}
