namespace Understudy.Engine.Tokenization.Normalizers;

/// <summary>Prepends a string to non-empty text (<c>"type": "Prepend"</c>, SentencePiece's leading ▁).</summary>
public sealed class PrependNormalizer(string prefix) : INormalizer
{
    /// <inheritdoc />
    public string Normalize(string text) => text.Length == 0 ? text : prefix + text;
}
