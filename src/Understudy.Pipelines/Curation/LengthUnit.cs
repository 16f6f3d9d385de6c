namespace Understudy.Pipelines.Curation;

/// <summary>How the length filters measure text.</summary>
public enum LengthUnit
{
    /// <summary>Unicode characters (UTF-16 code units of the trimmed text).</summary>
    Chars,

    /// <summary>Whitespace-separated words, a tokenizer-free stand-in for tokens (about 0.75 words per token in English).</summary>
    Words,
}
