using Understudy.Engine.Tokenization.Normalizers;

namespace Understudy.Engine.Tokenization.Decoders;

/// <summary>Replaces a pattern in each token (<c>"type": "Replace"</c>, e.g. ▁ back to a space).</summary>
public sealed class ReplaceDecoder(ReplaceNormalizer replace) : ITokenDecoder
{
    /// <inheritdoc />
    public List<string> DecodeChain(List<string> tokens) => tokens.ConvertAll(replace.Normalize);
}
