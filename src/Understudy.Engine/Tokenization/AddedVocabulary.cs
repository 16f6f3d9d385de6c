namespace Understudy.Engine.Tokenization;

/// <summary>
/// Finds added tokens in text the way Hugging Face <c>tokenizers</c> does: leftmost-longest, non-overlapping
/// matches, honouring <c>lstrip</c>/<c>rstrip</c>/<c>single_word</c>. Tokens with <c>normalized: false</c> are
/// matched in the raw text, the others after normalization.
/// </summary>
public sealed class AddedVocabulary
{
    private readonly Dictionary<int, AddedToken> _byId = [];
    private readonly Dictionary<string, AddedToken> _byContent = new(StringComparer.Ordinal);
    private readonly TokenTrie _raw = new();
    private readonly TokenTrie _normalized = new();

    /// <summary>Builds the vocabulary; later duplicates of a content string replace earlier ones.</summary>
    public AddedVocabulary(IEnumerable<AddedToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        foreach (AddedToken token in tokens)
        {
            if (token.Content.Length == 0) continue;
            _byId[token.Id] = token;
            _byContent[token.Content] = token;
            (token.Normalized ? _normalized : _raw).Add(token);
        }
    }

    /// <summary>Every added token.</summary>
    public IReadOnlyCollection<AddedToken> Tokens => _byId.Values;

    /// <summary>The added token with that id, if any.</summary>
    public bool TryGetById(int id, out AddedToken token) => _byId.TryGetValue(id, out token!);

    /// <summary>The added token with that exact content, if any.</summary>
    public bool TryGetByContent(string content, out AddedToken token) => _byContent.TryGetValue(content, out token!);

    /// <summary>Splits raw text on the tokens matched before normalization.</summary>
    /// <param name="text">The text.</param>
    /// <param name="matchSpecial">False to leave special tokens in the text as plain characters.</param>
    public List<TextSegment> SplitRaw(string text, bool matchSpecial = true) => Split(text, _raw, matchSpecial);

    /// <summary>Splits normalized text on the tokens matched after normalization.</summary>
    public List<TextSegment> SplitNormalized(string text, bool matchSpecial = true) => Split(text, _normalized, matchSpecial);

    private static List<TextSegment> Split(string text, TokenTrie trie, bool matchSpecial)
    {
        var segments = new List<TextSegment>();
        if (trie.IsEmpty)
        {
            if (text.Length > 0) segments.Add(new TextSegment(text, null));
            return segments;
        }

        int pending = 0;
        int position = 0;
        while (position < text.Length)
        {
            AddedToken? match = trie.LongestMatchAt(text, position, matchSpecial);
            if (match is null)
            {
                position++;
                continue;
            }

            int start = position;
            int end = position + match.Content.Length;
            position = end;
            if (match.SingleWord && !IsWholeWord(text, start, end)) continue;
            if (match.LeftStrip)
            {
                while (start > pending && char.IsWhiteSpace(text[start - 1])) start--;
            }
            if (match.RightStrip)
            {
                while (end < text.Length && char.IsWhiteSpace(text[end])) end++;
                position = end;
            }

            if (start > pending) segments.Add(new TextSegment(text[pending..start], null));
            segments.Add(new TextSegment(match.Content, match));
            pending = end;
        }

        if (pending < text.Length) segments.Add(new TextSegment(text[pending..], null));
        return segments;
    }

    private static bool IsWholeWord(string text, int start, int end)
    {
        static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
        bool startsClean = start == 0 || !IsWordChar(text[start - 1]);
        bool endsClean = end == text.Length || !IsWordChar(text[end]);
        return startsClean && endsClean;
    }

    /// <summary>A piece of text, or an added token that was found in it.</summary>
    public readonly record struct TextSegment(string Text, AddedToken? Token);
}
