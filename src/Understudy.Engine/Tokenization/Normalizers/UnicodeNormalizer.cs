using System.Text;

namespace Understudy.Engine.Tokenization.Normalizers;

/// <summary>Unicode normalization (<c>NFC</c>, <c>NFD</c>, <c>NFKC</c>, <c>NFKD</c>).</summary>
public sealed class UnicodeNormalizer(NormalizationForm form) : INormalizer
{
    /// <inheritdoc />
    public string Normalize(string text) => text.IsNormalized(form) ? text : text.Normalize(form);
}
