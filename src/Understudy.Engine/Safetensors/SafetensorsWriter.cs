using System.Buffers.Binary;
using TorchSharp;
using static TorchSharp.torch;

namespace Understudy.Engine.Safetensors;

/// <summary>Writes tensors to a <c>.safetensors</c> file (written to a temporary file, then moved into place).</summary>
public static class SafetensorsWriter
{
    /// <summary>Writes <paramref name="tensors"/> (by name, sorted) with optional <c>__metadata__</c>.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        var ordered = tensors.OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        var entries = new List<(string, string, long[], long, long)>(ordered.Count);
        long offset = 0;
        foreach (var (name, tensor) in ordered)
        {
            long bytes = tensor.numel() * SafetensorsDType.ElementSize(tensor.dtype);
            entries.Add((name, SafetensorsDType.ToName(tensor.dtype), tensor.shape, offset, offset + bytes));
            offset += bytes;
        }
        byte[] header = SafetensorsHeader.Serialize(entries, metadata);

        string temporary = path + ".partial";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            foreach (var (_, tensor) in ordered)
            {
                using DisposeScope scope = NewDisposeScope();
                stream.Write(tensor.detach().cpu().contiguous().bytes);
            }
        }
        File.Move(temporary, path, overwrite: true);
    }
}
