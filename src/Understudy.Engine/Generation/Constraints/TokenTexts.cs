using System.Runtime.CompilerServices;
using Understudy.Engine.Tokenization;

namespace Understudy.Engine.Generation.Constraints;

/// <summary>
/// The text each token adds when it follows other text, per tokenizer (computed once, then cached): decoded after
/// an anchor token, so SentencePiece's leading-space rule and byte-level spaces come out as they will in the stream.
/// Special tokens (and tokens that decode to nothing) are null. A token holding part of a multi-byte character shows
/// as U+FFFD, which constraints treat as "any non-ASCII text".
/// </summary>
public static class TokenTexts
{
    private static readonly ConditionalWeakTable<ITokenizer, string?[]> Cache = new();

    /// <summary>The texts of <paramref name="tokenizer"/>'s tokens, indexed by id.</summary>
    public static IReadOnlyList<string?> For(ITokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        return Cache.GetValue(tokenizer, Compute);
    }

    private static string?[] Compute(ITokenizer tokenizer)
    {
        IReadOnlyList<int> anchorIds = tokenizer.Encode("a", addSpecialTokens: false);
        int? anchor = anchorIds.Count == 1 ? anchorIds[0] : null;
        string anchorText = anchor is int a ? tokenizer.Decode([a], skipSpecialTokens: false) : "";
        var texts = new string?[tokenizer.VocabularySize];
        for (int id = 0; id < texts.Length; id++)
        {
            if (tokenizer.Decode([id], skipSpecialTokens: true).Length == 0) continue;   // special or empty
            string text = tokenizer.Decode([id], skipSpecialTokens: false);
            if (anchor is int anchorId)
            {
                string joined = tokenizer.Decode([anchorId, id], skipSpecialTokens: false);
                if (joined.StartsWith(anchorText, StringComparison.Ordinal)) text = joined[anchorText.Length..];
            }
            if (text.Length > 0) texts[id] = text;
        }
        return texts;
    }
}
