using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Understudy.Engine.Safetensors;

/// <summary>Parses and validates the JSON header of a safetensors file.</summary>
internal static class SafetensorsHeader
{
    private const long MaxHeaderBytes = 100_000_000;

    public static (IReadOnlyDictionary<string, SafetensorsTensorInfo> Tensors, IReadOnlyDictionary<string, string> Metadata, long DataStart)
        Parse(ReadOnlySpan<byte> file, long fileLength, string path)
    {
        long headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength <= 0 || headerLength > MaxHeaderBytes || 8 + headerLength > fileLength)
            throw new InvalidDataException($"{path}: header length {headerLength} is invalid for a {fileLength}-byte file; the file is not safetensors or is truncated.");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(file.Slice(8, (int)headerLength).ToArray());
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: the safetensors header is not valid JSON ({e.Message}).", e);
        }

        long dataStart = 8 + headerLength;
        long dataLength = fileLength - dataStart;
        var tensors = new Dictionary<string, SafetensorsTensorInfo>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        using (document)
        {
            foreach (JsonProperty entry in document.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                {
                    foreach (JsonProperty m in entry.Value.EnumerateObject()) metadata[m.Name] = m.Value.ToString();
                    continue;
                }
                tensors[entry.Name] = ParseTensor(entry, dataLength, path);
            }
        }
        return (tensors, metadata, dataStart);
    }

    private static SafetensorsTensorInfo ParseTensor(JsonProperty entry, long dataLength, string path)
    {
        string where = $"{path}: tensor '{entry.Name}'";
        if (!entry.Value.TryGetProperty("dtype", out JsonElement dtype) ||
            !entry.Value.TryGetProperty("shape", out JsonElement shape) ||
            !entry.Value.TryGetProperty("data_offsets", out JsonElement offsets))
            throw new InvalidDataException($"{where} lacks one of 'dtype', 'shape', 'data_offsets'.");

        var type = SafetensorsDType.ToScalarType(dtype.GetString() ?? "", where);
        long[] dims = shape.EnumerateArray().Select(d => d.GetInt64()).ToArray();
        long begin = offsets[0].GetInt64(), end = offsets[1].GetInt64();
        var info = new SafetensorsTensorInfo(entry.Name, type, dims, begin, end);
        if (begin < 0 || end < begin || end > dataLength)
            throw new InvalidDataException($"{where} has data_offsets [{begin}, {end}] outside the {dataLength}-byte data section.");
        if (info.ElementCount * SafetensorsDType.ElementSize(type) != info.ByteLength)
            throw new InvalidDataException($"{where}: {info.ByteLength} bytes do not hold shape [{string.Join(", ", dims)}] of {dtype.GetString()}.");
        return info;
    }

    public static byte[] Serialize(IEnumerable<(string Name, string DType, long[] Shape, long Begin, long End)> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            foreach (var t in tensors)
            {
                json.WriteStartObject(t.Name);
                json.WriteString("dtype", t.DType);
                json.WriteStartArray("shape");
                foreach (long d in t.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(t.Begin);
                json.WriteNumberValue(t.End);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        // The data section must start 8-byte aligned; pad the header with spaces as the reference writer does.
        int padding = (int)((8 - stream.Length % 8) % 8);
        for (int i = 0; i < padding; i++) stream.WriteByte((byte)' ');
        return stream.ToArray();
    }
}
