namespace Understudy.Engine.Tokenization.Normalizers;

/// <summary>A <c>normalizer</c> of <c>tokenizer.json</c>: rewrites text before pre-tokenization.</summary>
public interface INormalizer
{
    /// <summary>Returns the normalized text.</summary>
    string Normalize(string text);
}
