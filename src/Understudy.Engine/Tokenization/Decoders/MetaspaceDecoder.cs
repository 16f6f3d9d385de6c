namespace Understudy.Engine.Tokenization.Decoders;

/// <summary>Turns the replacement character back into spaces, dropping the prepended one of the first token (<c>"type": "Metaspace"</c>).</summary>
public sealed class MetaspaceDecoder(char replacement, bool stripsFirstSpace) : ITokenDecoder
{
    /// <inheritdoc />
    public List<string> DecodeChain(List<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        for (int i = 0; i < tokens.Count; i++)
        {
            string text = tokens[i].Replace(replacement, ' ');
            if (i == 0 && stripsFirstSpace && text.StartsWith(' ')) text = text[1..];
            result.Add(text);
        }
        return result;
    }
}
