namespace Understudy.Engine.Tokenization.Normalizers;

/// <summary>Lower-cases text (<c>"type": "Lowercase"</c>).</summary>
public sealed class LowercaseNormalizer : INormalizer
{
    /// <inheritdoc />
    public string Normalize(string text) => text.ToLowerInvariant();
}
