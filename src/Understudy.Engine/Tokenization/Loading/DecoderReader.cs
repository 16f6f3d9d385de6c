using System.Text.Json;
using Understudy.Engine.Tokenization.Decoders;

namespace Understudy.Engine.Tokenization.Loading;

/// <summary>Builds an <see cref="ITokenDecoder"/> from the <c>decoder</c> section of <c>tokenizer.json</c>.</summary>
internal static class DecoderReader
{
    public static ITokenDecoder? Read(JsonElement element, string path, string origin)
    {
        if (element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return null;
        string type = JsonReading.TypeOf(element, path, origin);
        switch (type)
        {
            case "Sequence":
                if (!element.TryGetProperty("decoders", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
                    throw new TokenizerFormatException(origin, $"{path}.decoders must be an array.");
                return new SequenceDecoder(list.EnumerateArray()
                    .Select((item, i) => Read(item, $"{path}.decoders[{i}]", origin))
                    .OfType<ITokenDecoder>()
                    .ToList());
            case "Replace":
                return new ReplaceDecoder(NormalizerReader.ReadReplace(element, path, origin));
            case "ByteFallback":
                return new ByteFallbackDecoder();
            case "Fuse":
                return new FuseDecoder();
            case "Strip":
                return new StripDecoder(
                    JsonReading.SingleChar(JsonReading.RequiredString(element, "content", path, origin), $"{path}.content", origin),
                    JsonReading.OptionalInt(element, "start", 0),
                    JsonReading.OptionalInt(element, "stop", 0));
            case "ByteLevel":
                return new ByteLevelDecoder();
            case "Metaspace":
                return new MetaspaceDecoder(
                    JsonReading.SingleChar(JsonReading.OptionalString(element, "replacement") ?? "\u2581", $"{path}.replacement", origin),
                    PreTokenizerReader.ReadPrependScheme(element) != "never");
            default:
                throw new TokenizerFormatException(origin,
                    $"{path}.type '{type}' is not supported (supported: Sequence, Replace, ByteFallback, Fuse, Strip, ByteLevel, Metaspace).");
        }
    }
}
