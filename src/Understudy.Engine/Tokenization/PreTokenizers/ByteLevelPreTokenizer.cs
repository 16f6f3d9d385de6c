using System.Text.RegularExpressions;

namespace Understudy.Engine.Tokenization.PreTokenizers;

/// <summary>
/// GPT-2 byte-level pre-tokenization (<c>"type": "ByteLevel"</c>): optionally a leading space and the GPT-2 word
/// regex, then every UTF-8 byte mapped to its <see cref="ByteLevelAlphabet"/> character.
/// </summary>
public sealed partial class ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex) : IPreTokenizer
{
    /// <inheritdoc />
    public IEnumerable<string> Split(string piece, bool isStartOfText)
    {
        if (addPrefixSpace && !piece.StartsWith(' ')) piece = " " + piece;
        if (!useRegex) return [ByteLevelAlphabet.Encode(piece)];
        return Gpt2Words().Matches(piece).Select(m => ByteLevelAlphabet.Encode(m.Value)).ToList();
    }

    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+")]
    private static partial Regex Gpt2Words();
}
