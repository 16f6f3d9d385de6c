namespace Understudy.Engine.Tokenization.Normalizers;

/// <summary>Applies normalizers one after the other (<c>"type": "Sequence"</c>).</summary>
public sealed class SequenceNormalizer(IReadOnlyList<INormalizer> normalizers) : INormalizer
{
    /// <inheritdoc />
    public string Normalize(string text)
    {
        foreach (INormalizer normalizer in normalizers) text = normalizer.Normalize(text);
        return text;
    }
}
