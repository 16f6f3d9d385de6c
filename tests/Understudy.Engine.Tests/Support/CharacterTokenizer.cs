using Understudy.Engine.Tokenization;

namespace Understudy.Engine.Tests.Support;

/// <summary>A test double: one token per character of a small alphabet, ids 0-2 reserved (pad, BOS, EOS).</summary>
public sealed class CharacterTokenizer : ITokenizer
{
    public const string Alphabet = " abcdefghijklmnopqrstuvwxyz{}[]\":,.0123456789ABCDEFGHIJKLMNO";

    public int VocabularySize => Alphabet.Length + 3;

    public int? BosTokenId => 1;

    public IReadOnlyList<int> EosTokenIds => [2];

    public int? PadTokenId => 0;

    public IReadOnlyList<int> Encode(string text, bool addSpecialTokens = true)
    {
        var ids = new List<int>();
        if (addSpecialTokens) ids.Add(1);
        foreach (char c in text)
        {
            int index = Alphabet.IndexOf(c);
            if (index < 0) throw new ArgumentException($"'{c}' is not in the test alphabet.");
            ids.Add(index + 3);
        }
        return ids;
    }

    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true) =>
        string.Concat(ids.Where(id => id >= 3 || !skipSpecialTokens).Select(id => id >= 3 ? Alphabet[id - 3].ToString() : $"<{id}>"));

    public IStreamingDecoder CreateStreamingDecoder(bool skipSpecialTokens = true) => new Streaming(this, skipSpecialTokens);

    private sealed class Streaming(CharacterTokenizer tokenizer, bool skip) : IStreamingDecoder
    {
        public string Append(int id) => tokenizer.Decode([id], skip);

        public string Flush() => "";
    }
}
