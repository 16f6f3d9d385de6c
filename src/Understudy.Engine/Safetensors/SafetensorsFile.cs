using System.IO.MemoryMappedFiles;
using static TorchSharp.torch;

namespace Understudy.Engine.Safetensors;

/// <summary>
/// A memory-mapped <c>.safetensors</c> file: an 8-byte little-endian header length, a JSON header naming each
/// tensor's dtype, shape and byte range, then the raw little-endian data. Tensors are read straight from the mapping.
/// </summary>
public sealed unsafe class SafetensorsFile : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly long _dataStart;
    private readonly long _length;
    private bool _disposed;

    private SafetensorsFile(string path, MemoryMappedFile file, MemoryMappedViewAccessor view, long length)
    {
        Path = path;
        _file = file;
        _view = view;
        _length = length;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer + view.PointerOffset;
        (Tensors, Metadata, _dataStart) = SafetensorsHeader.Parse(new ReadOnlySpan<byte>(_base, (int)Math.Min(length, int.MaxValue)), length, path);
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>Every tensor in the file, by name.</summary>
    public IReadOnlyDictionary<string, SafetensorsTensorInfo> Tensors { get; }

    /// <summary>The free-form <c>__metadata__</c> entries.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Opens and maps a safetensors file, validating its header.</summary>
    public static SafetensorsFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Safetensors file not found: {path}", path);
        // Hub caches link snapshot files to blobs; measure the target, not the link.
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) info = (FileInfo)(info.ResolveLinkTarget(returnFinalTarget: true) ?? info);
        long length = info.Length;
        if (length < 8) throw new InvalidDataException($"{path}: too short to be a safetensors file ({length} bytes).");
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        try
        {
            var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            return new SafetensorsFile(path, file, view, length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The raw bytes of one tensor, straight from the mapping (valid until this file is disposed).</summary>
    public ReadOnlySpan<byte> GetBytes(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        SafetensorsTensorInfo info = GetInfo(name);
        return new ReadOnlySpan<byte>(_base + _dataStart + info.Begin, checked((int)info.ByteLength));
    }

    /// <summary>Reads a tensor into a new CPU tensor, converted to <paramref name="dtype"/> when given.</summary>
    public Tensor Read(string name, ScalarType? dtype = null)
    {
        SafetensorsTensorInfo info = GetInfo(name);
        Tensor raw = empty(info.Shape, info.DType);
        GetBytes(name).CopyTo(raw.bytes);
        if (dtype is null || dtype == info.DType) return raw;
        Tensor converted = raw.to_type(dtype.Value);
        raw.Dispose();
        return converted;
    }

    /// <summary>Copies a tensor into <paramref name="destination"/> (any dtype/device/view), checking its shape.</summary>
    public void CopyInto(string name, Tensor destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        SafetensorsTensorInfo info = GetInfo(name);
        if (!info.Shape.SequenceEqual(destination.shape))
        {
            throw new InvalidDataException(
                $"{Path}: tensor '{name}' has shape [{string.Join(", ", info.Shape)}] but the model expects " +
                $"[{string.Join(", ", destination.shape)}]. Check that config.json matches the weights.");
        }
        using Tensor source = Read(name);
        using (no_grad()) destination.copy_(source);
    }

    private SafetensorsTensorInfo GetInfo(string name) =>
        Tensors.TryGetValue(name, out SafetensorsTensorInfo? info)
            ? info
            : throw new KeyNotFoundException($"{Path}: no tensor named '{name}'.");

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
