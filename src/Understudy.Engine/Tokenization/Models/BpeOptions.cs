namespace Understudy.Engine.Tokenization.Models;

/// <summary>The <c>model</c> section of a BPE <c>tokenizer.json</c>, as read.</summary>
public sealed record BpeOptions
{
    /// <summary>Token string to id.</summary>
    public required IReadOnlyDictionary<string, int> Vocabulary { get; init; }

    /// <summary>Merge rules in rank order (lowest rank merges first).</summary>
    public required IReadOnlyList<(string Left, string Right)> Merges { get; init; }

    /// <summary>The token used for characters the vocabulary lacks, if any.</summary>
    public string? UnknownToken { get; init; }

    /// <summary>Whether consecutive unknown characters become a single unknown token.</summary>
    public bool FuseUnknown { get; init; }

    /// <summary>Whether unknown characters become their UTF-8 bytes as <c>&lt;0xNN&gt;</c> tokens.</summary>
    public bool ByteFallback { get; init; }

    /// <summary>Whether a word that is itself in the vocabulary skips the merges (Llama 3).</summary>
    public bool IgnoreMerges { get; init; }

    /// <summary>Prefix on every symbol that does not start a word.</summary>
    public string? ContinuingSubwordPrefix { get; init; }

    /// <summary>Suffix on the symbol that ends a word.</summary>
    public string? EndOfWordSuffix { get; init; }
}
