namespace Understudy.Engine.Generation;

/// <summary>
/// How to continue a prompt, named as in Hugging Face <c>GenerationConfig</c>. Greedy unless <see cref="DoSample"/>.
/// Immutable: derive variants with <c>with</c>.
/// </summary>
public sealed record GenerationOptions
{
    /// <summary>Most tokens to generate (also capped by the model's max_position_embeddings).</summary>
    public int MaxNewTokens { get; init; } = 256;

    /// <summary>Sample from the distribution instead of taking the most likely token.</summary>
    public bool DoSample { get; init; }

    /// <summary>Divides logits before sampling; 0 means greedy.</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Keep only the k most likely tokens.</summary>
    public int? TopK { get; init; }

    /// <summary>Keep the smallest set of most likely tokens whose probability reaches p.</summary>
    public double? TopP { get; init; }

    /// <summary>Drop tokens less likely than min_p times the most likely one.</summary>
    public double? MinP { get; init; }

    /// <summary>Penalises tokens already in the prompt or output (&gt; 1 discourages repeats; 1 = off).</summary>
    public double RepetitionPenalty { get; init; } = 1.0;

    /// <summary>Seed of the row's sampling generator (random when null).</summary>
    public long? Seed { get; init; }

    /// <summary>Token ids that end generation (not included in the output).</summary>
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];

    /// <summary>Texts that end generation; the returned text stops before the first occurrence.</summary>
    public IReadOnlyList<string> StopStrings { get; init; } = [];

    /// <summary>True when the row decodes greedily.</summary>
    public bool IsGreedy => !DoSample || Temperature <= 0;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (MaxNewTokens < 0) throw new ArgumentOutOfRangeException(nameof(MaxNewTokens), MaxNewTokens, "max_new_tokens must be ≥ 0.");
        if (Temperature < 0) throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "temperature must be ≥ 0.");
        if (TopK is <= 0) throw new ArgumentOutOfRangeException(nameof(TopK), TopK, "top_k must be ≥ 1.");
        if (TopP is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(TopP), TopP, "top_p must be in (0, 1].");
        if (MinP is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(MinP), MinP, "min_p must be in [0, 1].");
        if (RepetitionPenalty <= 0) throw new ArgumentOutOfRangeException(nameof(RepetitionPenalty), RepetitionPenalty, "repetition_penalty must be > 0.");
    }
}
