namespace Understudy.Engine.Tokenization.Decoders;

/// <summary>Runs decoders one after the other (<c>"type": "Sequence"</c>).</summary>
public sealed class SequenceDecoder(IReadOnlyList<ITokenDecoder> decoders) : ITokenDecoder
{
    /// <inheritdoc />
    public List<string> DecodeChain(List<string> tokens)
    {
        foreach (ITokenDecoder decoder in decoders) tokens = decoder.DecodeChain(tokens);
        return tokens;
    }
}
