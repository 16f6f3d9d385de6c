namespace Understudy.Engine.Tokenization.PreTokenizers;

/// <summary>A <c>pre_tokenizer</c> of <c>tokenizer.json</c>: cuts normalized text into the words the model encodes.</summary>
public interface IPreTokenizer
{
    /// <summary>Splits (and possibly rewrites) one piece of text.</summary>
    /// <param name="piece">The piece to split.</param>
    /// <param name="isStartOfText">Whether the piece begins the encoded text (no added token before it).</param>
    IEnumerable<string> Split(string piece, bool isStartOfText);
}
