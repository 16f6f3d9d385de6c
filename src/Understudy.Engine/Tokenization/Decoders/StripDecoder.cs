namespace Understudy.Engine.Tokenization.Decoders;

/// <summary>Removes up to <paramref name="start"/> leading and <paramref name="stop"/> trailing <paramref name="content"/> characters from each token (<c>"type": "Strip"</c>).</summary>
public sealed class StripDecoder(char content, int start, int stop) : ITokenDecoder
{
    /// <inheritdoc />
    public List<string> DecodeChain(List<string> tokens) => tokens.ConvertAll(Strip);

    private string Strip(string token)
    {
        int from = 0;
        while (from < start && from < token.Length && token[from] == content) from++;
        int to = token.Length;
        while (token.Length - to < stop && to > from && token[to - 1] == content) to--;
        return token[from..to];
    }
}
