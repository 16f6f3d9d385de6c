namespace Understudy.Engine.Tokenization.PreTokenizers;

/// <summary>Applies pre-tokenizers one after the other to every piece (<c>"type": "Sequence"</c>).</summary>
public sealed class SequencePreTokenizer(IReadOnlyList<IPreTokenizer> preTokenizers) : IPreTokenizer
{
    /// <inheritdoc />
    public IEnumerable<string> Split(string piece, bool isStartOfText)
    {
        List<string> pieces = [piece];
        foreach (IPreTokenizer preTokenizer in preTokenizers)
        {
            var next = new List<string>(pieces.Count * 2);
            for (int i = 0; i < pieces.Count; i++) next.AddRange(preTokenizer.Split(pieces[i], isStartOfText && i == 0));
            pieces = next;
        }
        return pieces;
    }
}
