namespace Understudy.Engine.Tokenization.PreTokenizers;

/// <summary>Isolates digits, one by one or in runs (<c>"type": "Digits"</c>).</summary>
public sealed class DigitsPreTokenizer(bool individualDigits) : IPreTokenizer
{
    /// <inheritdoc />
    public IEnumerable<string> Split(string piece, bool isStartOfText)
    {
        var segments = new List<(int Start, int End, bool IsMatch)>();
        int start = 0;
        for (int i = 1; i <= piece.Length; i++)
        {
            bool boundary = i == piece.Length
                || char.IsNumber(piece[i]) != char.IsNumber(piece[start])
                || (individualDigits && char.IsNumber(piece[i]));
            if (!boundary) continue;
            segments.Add((start, i, char.IsNumber(piece[start])));
            start = i;
        }
        return segments.Select(s => piece[s.Start..s.End]);
    }
}
