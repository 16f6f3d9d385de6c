using System.Text;
using System.Text.Json;

namespace Understudy.Engine.Tests.Integration;

/// <summary>
/// Test-only decoding of a SentencePiece-style tokenizer.json vocabulary (▁ for space, &lt;0xNN&gt; byte fallback),
/// enough to read a golden continuation back as text. The product's tokenizer lives in src/…/Tokenization.
/// </summary>
public sealed class SentencePieceVocabulary
{
    private readonly Dictionary<int, string> _pieces;

    private SentencePieceVocabulary(Dictionary<int, string> pieces) => _pieces = pieces;

    public static SentencePieceVocabulary Load(string tokenizerJson)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(tokenizerJson));
        var pieces = document.RootElement.GetProperty("model").GetProperty("vocab").EnumerateObject()
            .ToDictionary(p => p.Value.GetInt32(), p => p.Name);
        return new SentencePieceVocabulary(pieces);
    }

    public string Decode(IEnumerable<int> ids)
    {
        var bytes = new List<byte>();
        foreach (int id in ids)
        {
            string piece = _pieces[id];
            if (piece.Length == 6 && piece.StartsWith("<0x", StringComparison.Ordinal) && piece.EndsWith('>'))
                bytes.Add(Convert.ToByte(piece.Substring(3, 2), 16));
            else
                bytes.AddRange(Encoding.UTF8.GetBytes(piece.Replace('▁', ' ')));
        }
        string text = Encoding.UTF8.GetString(bytes.ToArray());
        return text.StartsWith(' ') ? text[1..] : text;
    }
}
