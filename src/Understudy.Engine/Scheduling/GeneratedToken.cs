using Understudy.Engine.Generation;

namespace Understudy.Engine.Scheduling;

/// <summary>
/// One item of a sequence's stream: the token generated at a step and the text it completed. The last item of every
/// stream carries <see cref="FinishReason"/> and <see cref="Usage"/>.
/// </summary>
public sealed record GeneratedToken
{
    /// <summary>
    /// The generated token id; null on a closing item that adds no token (after an EOS token, which is never
    /// reported, or on cancellation).
    /// </summary>
    public int? TokenId { get; init; }

    /// <summary>
    /// Text this item completes: UTF-8-safe, never part of a stop string, possibly empty while a character or a
    /// possible stop string is incomplete. The pieces of a stream concatenate to the whole answer.
    /// </summary>
    public string Text { get; init; } = "";

    /// <summary>Why the sequence ended; set on the last item only.</summary>
    public GenerationFinishReason? FinishReason { get; init; }

    /// <summary>Prompt and output token counts; set on the last item only.</summary>
    public SequenceUsage? Usage { get; init; }

    /// <summary>True on the stream's last item.</summary>
    public bool IsLast => FinishReason is not null;
}
