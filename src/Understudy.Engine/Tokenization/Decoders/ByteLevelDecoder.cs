using System.Text;

namespace Understudy.Engine.Tokenization.Decoders;

/// <summary>
/// Maps byte-level alphabet characters back to bytes and decodes them as UTF-8 (<c>"type": "ByteLevel"</c>);
/// a token with a character outside the alphabet contributes its own UTF-8 bytes, as in HF tokenizers.
/// </summary>
public sealed class ByteLevelDecoder : ITokenDecoder
{
    /// <inheritdoc />
    public List<string> DecodeChain(List<string> tokens)
    {
        var bytes = new List<byte>();
        foreach (string token in tokens) AppendBytes(token, bytes);
        return [Encoding.UTF8.GetString([.. bytes])];
    }

    private static void AppendBytes(string token, List<byte> bytes)
    {
        int start = bytes.Count;
        foreach (char c in token)
        {
            if (ByteLevelAlphabet.TryCharToByte(c, out byte value))
            {
                bytes.Add(value);
                continue;
            }
            bytes.RemoveRange(start, bytes.Count - start);
            bytes.AddRange(Encoding.UTF8.GetBytes(token));
            return;
        }
    }
}
