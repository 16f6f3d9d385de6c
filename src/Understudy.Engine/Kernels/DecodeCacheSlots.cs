namespace Understudy.Engine.Kernels;

/// <summary>
/// Where one layer's keys and values live for a decode step (one new position per row), as raw addresses:
/// float32 or bfloat16 [rows, kvHeads, capacity, headDim], row-major within a row. Row b writes its new key and value at
/// <see cref="WritePositions"/>[b] (or <see cref="Offset"/> for every row) and attends slots [0, <see cref="Length"/>).
/// </summary>
internal readonly unsafe struct DecodeCacheSlots
{
    /// <summary>Key slot 0 of head 0 of row 0.</summary>
    public required void* Keys { get; init; }

    /// <summary>Value slot 0 of head 0 of row 0.</summary>
    public required void* Values { get; init; }

    /// <summary>True when the cache holds bfloat16 (raw 16-bit patterns), false for float32.</summary>
    public required bool BFloat16 { get; init; }

    /// <summary>Elements from one row to the next.</summary>
    public required long RowStride { get; init; }

    /// <summary>Elements from one key/value head to the next (capacity × headDim).</summary>
    public required long HeadStride { get; init; }

    /// <summary>Each row's write position, or null when every row writes at <see cref="Offset"/>.</summary>
    public required long* WritePositions { get; init; }

    /// <summary>The pass's cache offset: the write position of aligned rows.</summary>
    public required long Offset { get; init; }

    /// <summary>Slots attended: offset + 1.</summary>
    public long Length => Offset + 1;

    /// <summary>The slot row <paramref name="row"/> writes to.</summary>
    public long WritePosition(int row) => WritePositions == null ? Offset : WritePositions[row];
}
