using static TorchSharp.torch;

namespace Understudy.Engine.Kernels;

/// <summary>
/// Places a CPU model's weights in a few large blocks on 2 MB huge pages instead of one allocation per tensor. libtorch
/// gives each tensor its own allocation at an arbitrary offset from a 2 MB boundary, so most of a 2–7 MB projection
/// cannot sit on huge pages; here every weight is a view into a 2 MB-aligned block advised for huge pages before the
/// weights are written (see <see cref="HugePages"/>), laid out in construction order, which is the order a decode step
/// reads them. Blocks are freed when the last weight viewing them is disposed.
/// </summary>
/// <remarks>
/// Active on the creating thread between <see cref="Begin"/> and <see cref="Dispose"/>; model building blocks allocate
/// their weights through <see cref="Empty"/>, which falls back to <c>torch.empty</c> when no arena is active, the device
/// is not the CPU or the dtype is not a float type.
/// </remarks>
public sealed class WeightArena : IDisposable
{
    private const long BlockBytes = 64L << 20;
    private const long Alignment = 64;

    [ThreadStatic] private static WeightArena? t_current;

    private readonly WeightArena? _outer;
    private readonly List<Block> _blocks = [];
    private bool _disposed;

    private WeightArena(WeightArena? outer) => _outer = outer;

    /// <summary>Bytes handed out as weights so far.</summary>
    public long UsedBytes { get; private set; }

    /// <summary>Bytes reserved in blocks (address space; pages are only backed once written).</summary>
    public long ReservedBytes => _blocks.Sum(b => b.CapacityBytes);

    /// <summary>Why the kernel refused huge pages for some block (the first refusal), or null.</summary>
    public string? HugePageFailure { get; private set; }

    /// <summary>Makes a new arena current on this thread until it is disposed.</summary>
    public static WeightArena Begin() => t_current = new WeightArena(t_current);

    /// <summary>
    /// An uninitialised tensor: a view into the current arena when one is active and the tensor is a float CPU
    /// tensor, else <c>torch.empty</c>.
    /// </summary>
    public static Tensor Empty(long[] shape, ScalarType dtype, Device device)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(device);
        int elementSize = ElementSize(dtype);
        if (t_current is not { } arena || device.type != TorchSharp.DeviceType.CPU || elementSize == 0) return empty(shape, dtype, device);
        long count = shape.Aggregate(1L, (a, b) => a * b);
        return count == 0 ? empty(shape, dtype, device) : arena.Allocate(shape, count, dtype, elementSize);
    }

    /// <summary>Ends the arena: weights already handed out stay valid; later <see cref="Empty"/> calls use the outer arena, if any.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (ReferenceEquals(t_current, this)) t_current = _outer;
        foreach (var block in _blocks) block.Storage.Dispose();        // the weights' views keep the memory alive
    }

    private Tensor Allocate(long[] shape, long count, ScalarType dtype, int elementSize)
    {
        long bytes = (count * elementSize + Alignment - 1) / Alignment * Alignment;
        Block? block = _blocks.FirstOrDefault(b => b.DType == dtype && b.CapacityBytes - b.UsedBytes >= bytes);
        if (block is null)
        {
            block = Block.Create(dtype, elementSize, Math.Max(BlockBytes, (bytes + HugePages.Size - 1) / HugePages.Size * HugePages.Size));
            HugePageFailure ??= block.HugePageFailure;
            _blocks.Add(block);
        }
        long offset = block.UsedBytes;
        block.UsedBytes += bytes;
        UsedBytes += bytes;
        using Tensor slice = block.Storage.narrow(0, (block.StartBytes + offset) / elementSize, count);
        return slice.view(shape);
    }

    private static int ElementSize(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => 4,
        ScalarType.BFloat16 or ScalarType.Float16 => 2,
        ScalarType.Float64 => 8,
        _ => 0,
    };

    /// <summary>One 1-D tensor whose 2 MB-aligned interior holds weights.</summary>
    private sealed class Block
    {
        public required Tensor Storage { get; init; }
        public required ScalarType DType { get; init; }
        public required long StartBytes { get; init; }
        public required long CapacityBytes { get; init; }
        public long UsedBytes { get; set; }
        public string? HugePageFailure { get; init; }

        public static unsafe Block Create(ScalarType dtype, int elementSize, long capacityBytes)
        {
            Tensor storage = empty((capacityBytes + HugePages.Size) / elementSize, dtype, CPU);
            long address = (long)TensorMemory.Address(storage);
            long start = (address + HugePages.Size - 1) / HugePages.Size * HugePages.Size - address;
            return new Block
            {
                Storage = storage,
                DType = dtype,
                StartBytes = start,
                CapacityBytes = capacityBytes,
                HugePageFailure = HugePages.Prefer((nint)(address + start), capacityBytes),
            };
        }
    }
}
