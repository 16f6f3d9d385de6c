namespace Understudy.Engine.Tokenization.Decoders;

/// <summary>
/// A <c>decoder</c> of <c>tokenizer.json</c>: turns the token strings of a sequence back into text pieces
/// (HF's <c>decode_chain</c>); the final text is the pieces joined.
/// </summary>
public interface ITokenDecoder
{
    /// <summary>Transforms the token strings; the result may have fewer pieces (e.g. fused).</summary>
    List<string> DecodeChain(List<string> tokens);
}
