using System.Globalization;
using System.Text;

namespace Understudy.Engine.Tokenization.Decoders;

/// <summary>
/// Turns runs of <c>&lt;0xNN&gt;</c> tokens back into text (<c>"type": "ByteFallback"</c>); a run that is not valid
/// UTF-8 becomes one U+FFFD per byte, as in HF tokenizers.
/// </summary>
public sealed class ByteFallbackDecoder : ITokenDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <inheritdoc />
    public List<string> DecodeChain(List<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        var bytes = new List<byte>();
        foreach (string token in tokens)
        {
            if (TryParseByte(token, out byte value))
            {
                bytes.Add(value);
                continue;
            }
            Flush(bytes, result);
            result.Add(token);
        }
        Flush(bytes, result);
        return result;
    }

    /// <summary>Reads a <c>&lt;0xNN&gt;</c> token.</summary>
    public static bool TryParseByte(string token, out byte value)
    {
        value = 0;
        return token.Length == 6 && token.StartsWith("<0x", StringComparison.Ordinal) && token[5] == '>'
            && byte.TryParse(token.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value);
    }

    private static void Flush(List<byte> bytes, List<string> result)
    {
        if (bytes.Count == 0) return;
        try
        {
            result.Add(StrictUtf8.GetString([.. bytes]));
        }
        catch (DecoderFallbackException)
        {
            for (int i = 0; i < bytes.Count; i++) result.Add("\uFFFD");
        }
        bytes.Clear();
    }
}
