namespace Understudy.Engine.Tokenization.Decoders;

/// <summary>Joins all tokens into one (<c>"type": "Fuse"</c>).</summary>
public sealed class FuseDecoder : ITokenDecoder
{
    /// <inheritdoc />
    public List<string> DecodeChain(List<string> tokens) => [string.Concat(tokens)];
}
