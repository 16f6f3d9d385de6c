namespace Understudy.Engine.Generation;

/// <summary>Why a row stopped generating.</summary>
public enum GenerationFinishReason
{
    /// <summary>An end-of-sequence token was produced.</summary>
    EndOfSequence,

    /// <summary>A stop condition (stop string) matched.</summary>
    StopSequence,

    /// <summary>max_new_tokens (or the model's context) was reached.</summary>
    Length,

    /// <summary>The caller cancelled the request.</summary>
    Cancelled,
}
