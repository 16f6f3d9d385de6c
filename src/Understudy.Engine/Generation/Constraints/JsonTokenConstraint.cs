namespace Understudy.Engine.Generation.Constraints;

/// <summary>
/// Grammar-constrained JSON (the engine's JSON mode): only tokens whose text keeps the output a prefix of a JSON
/// object or array are allowed, and end-of-sequence only once the value is complete, so the answer always parses.
/// Non-ASCII text (including partial multi-byte tokens) is allowed inside strings only.
/// </summary>
public sealed class JsonTokenConstraint : ITokenConstraint
{
    private readonly IReadOnlyList<string?> _texts;
    private readonly HashSet<int> _endIds;
    private JsonPrefix _state;

    /// <param name="tokenTexts">Each token's text (see <see cref="TokenTexts"/>).</param>
    /// <param name="endOfSequenceIds">Tokens that end the sequence; allowed once the value is complete.</param>
    public JsonTokenConstraint(IReadOnlyList<string?> tokenTexts, IEnumerable<int> endOfSequenceIds)
    {
        ArgumentNullException.ThrowIfNull(tokenTexts);
        ArgumentNullException.ThrowIfNull(endOfSequenceIds);
        _texts = tokenTexts;
        _endIds = [.. endOfSequenceIds];
    }

    /// <summary>True once a complete JSON value has been produced.</summary>
    public bool IsComplete => _state.IsComplete;

    /// <inheritdoc />
    public int FillAllowed(Span<bool> allowed)
    {
        allowed.Clear();
        var index = JsonTokenIndex.For(_texts);
        int count = 0;
        if (_state.IsInStringText)
        {
            foreach (int id in index.PlainStringIds) count += Allow(allowed, id);
            foreach (int id in index.OtherIds) count += Check(allowed, id);
        }
        else
        {
            foreach (int id in index.WhitespaceIds) count += Check(allowed, id);
            for (int lead = 0; lead < 2; lead++)
            {
                for (int key = 0; key < index.Buckets.GetLength(1); key++)
                {
                    int[] bucket = index.Buckets[lead, key];
                    if (bucket.Length == 0 || !BucketMayContinue(lead == 1, JsonTokenIndex.KeyCharacter(key))) continue;
                    foreach (int id in bucket) count += Check(allowed, id);
                }
            }
        }
        // Complete, or stuck (e.g. at the whitespace cap in a vocabulary without the needed character): the output so
        // far is the answer, or a valid prefix of one, so end the sequence rather than break the grammar.
        if (_state.IsComplete || count == 0)
        {
            foreach (int id in _endIds) count += Allow(allowed, id);
        }
        return count;
    }

    private static int Allow(Span<bool> allowed, int id)
    {
        if (id >= allowed.Length || allowed[id]) return 0;
        allowed[id] = true;
        return 1;
    }

    private int Check(Span<bool> allowed, int id) => Continues(_texts[id]!) ? Allow(allowed, id) : 0;

    /// <inheritdoc />
    public void Accept(int tokenId)
    {
        if (tokenId < 0 || tokenId >= _texts.Count || _texts[tokenId] is not { } text) return;   // end of sequence
        var next = _state;
        if (!next.TryAdvance(text))
            throw new InvalidOperationException($"Token {tokenId} ('{text}') does not continue the JSON output; it was not allowed.");
        _state = next;
    }

    private bool BucketMayContinue(bool leadingWhitespace, char first)
    {
        var probe = _state;
        return (!leadingWhitespace || probe.TryAdvance(' ')) && probe.TryAdvance(first);
    }

    private bool Continues(string text)
    {
        var probe = _state;
        return probe.TryAdvance(text);
    }
}
