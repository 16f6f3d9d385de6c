namespace Understudy.Engine.Tokenization.PreTokenizers;

/// <summary>
/// SentencePiece-style spaces (<c>"type": "Metaspace"</c>): spaces become <paramref name="replacement"/>, a
/// replacement is prepended per the scheme, and the text is split before each replacement when asked.
/// </summary>
public sealed class MetaspacePreTokenizer(char replacement, string prependScheme, bool split) : IPreTokenizer
{
    /// <inheritdoc />
    public IEnumerable<string> Split(string piece, bool isStartOfText)
    {
        piece = piece.Replace(' ', replacement);
        bool prepend = prependScheme switch
        {
            "always" => true,
            "first" => isStartOfText,
            _ => false,
        };
        if (prepend && !piece.StartsWith(replacement)) piece = replacement + piece;
        if (!split) return [piece];

        var pieces = new List<string>();
        int start = 0;
        for (int i = 1; i < piece.Length; i++)
        {
            if (piece[i] != replacement) continue;
            pieces.Add(piece[start..i]);
            start = i;
        }
        if (start < piece.Length) pieces.Add(piece[start..]);
        return pieces;
    }
}
