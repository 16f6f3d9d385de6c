namespace Understudy.Engine.Tokenization;

/// <summary>
/// Incremental detokenization: decodes a short window (the previous piece + the new ids) and emits only the text
/// that window adds, holding it back while it ends in an incomplete UTF-8 sequence (U+FFFD). The concatenated
/// pieces equal <see cref="ITokenizer.Decode"/> of all ids, also for decoders that strip a leading space.
/// </summary>
public sealed class StreamingDecoder : IStreamingDecoder
{
    private const int CompactThreshold = 256;

    private readonly ITokenizer _tokenizer;
    private readonly bool _skipSpecialTokens;
    private readonly List<int> _ids = [];
    private int _prefixOffset;
    private int _readOffset;

    /// <summary>Creates a streaming decoder over <paramref name="tokenizer"/>.</summary>
    public StreamingDecoder(ITokenizer tokenizer, bool skipSpecialTokens)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        _tokenizer = tokenizer;
        _skipSpecialTokens = skipSpecialTokens;
    }

    /// <inheritdoc />
    public string Append(int id)
    {
        _ids.Add(id);
        string prefix = DecodeRange(_prefixOffset, _readOffset);
        string full = DecodeRange(_prefixOffset, _ids.Count);
        if (full.Length <= prefix.Length || full.EndsWith('\uFFFD')) return "";

        _prefixOffset = _readOffset;
        _readOffset = _ids.Count;
        Compact();
        return full[prefix.Length..];
    }

    /// <inheritdoc />
    public string Flush()
    {
        string prefix = DecodeRange(_prefixOffset, _readOffset);
        string full = DecodeRange(_prefixOffset, _ids.Count);
        _prefixOffset = _readOffset = _ids.Count;
        Compact();
        return full.Length > prefix.Length ? full[prefix.Length..] : "";
    }

    private string DecodeRange(int start, int end) =>
        end <= start ? "" : _tokenizer.Decode(_ids.GetRange(start, end - start), _skipSpecialTokens);

    private void Compact()
    {
        if (_prefixOffset < CompactThreshold) return;
        _ids.RemoveRange(0, _prefixOffset);
        _readOffset -= _prefixOffset;
        _prefixOffset = 0;
    }
}
