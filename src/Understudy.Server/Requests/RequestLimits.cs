namespace Understudy.Server.Requests;

/// <summary>Per-request limits: what a single request may ask for.</summary>
public sealed record RequestLimits
{
    /// <summary>Largest <c>max_tokens</c> a request may ask for (and the cap when it asks for none).</summary>
    public int MaxTokens { get; init; } = 2048;

    /// <summary>Largest <c>n</c> (choices per request).</summary>
    public int MaxChoices { get; init; } = 8;

    /// <summary>Largest request body in bytes (larger bodies get 413).</summary>
    public long MaxRequestBytes { get; init; } = 1 << 20;

    /// <summary>Most inputs in one embeddings request.</summary>
    public int MaxEmbeddingInputs { get; init; } = 256;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid limit.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTokens, 1, nameof(MaxTokens));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxChoices, 1, nameof(MaxChoices));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestBytes, 1, nameof(MaxRequestBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEmbeddingInputs, 1, nameof(MaxEmbeddingInputs));
    }
}
