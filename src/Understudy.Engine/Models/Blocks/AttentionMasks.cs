using static TorchSharp.torch;

namespace Understudy.Engine.Models.Blocks;

/// <summary>Builds the boolean "blocked" masks of a forward pass (true where a query may not see a key).</summary>
public static class AttentionMasks
{
    /// <summary>
    /// For queries at cache slots [offset, offset + T) over keys [0, offset + T): blocks future keys, padding keys
    /// (<paramref name="validSlots"/> [B, L] false), with a window, keys at distance ≥ window, and with
    /// <paramref name="segmentIds"/> [B, T] (packed rows, offset 0) keys of another segment.
    /// Returns [B or 1, 1, 1, T, L], or null when nothing is blocked.
    /// </summary>
    public static Tensor? Blocked(Tensor? validSlots, long offset, long steps, int? window, Device device, Tensor? segmentIds = null)
    {
        if (segmentIds is not null && offset != 0)
            throw new ArgumentException("Segment ids (packed rows) are only supported without a KV cache offset.", nameof(segmentIds));
        long length = offset + steps;
        bool windowMatters = window is int w && length > w;
        if (steps == 1 && validSlots is null && !windowMatters) return null;

        using var scope = NewDisposeScope();
        Tensor keys = arange(length, ScalarType.Int64, device).unsqueeze(0);                 // [1, L]
        Tensor queries = arange(offset, length, 1, ScalarType.Int64, device).unsqueeze(1);   // [T, 1]
        Tensor blocked = keys > queries;                                                     // [T, L]
        if (windowMatters) blocked = blocked.logical_or(queries - keys >= window!.Value);
        Tensor result = blocked.unsqueeze(0);                                                // [1, T, L]
        if (validSlots is not null) result = result.logical_or(validSlots.logical_not().unsqueeze(1));   // [B, T, L]
        if (segmentIds is not null) result = result.logical_or(segmentIds.unsqueeze(2).ne(segmentIds.unsqueeze(1)));   // [B, T, T]
        return result.unsqueeze(1).unsqueeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// For queries at their own cache slots <paramref name="querySlots"/> [B, T] over keys [0, length): blocks keys
    /// after each query's slot, padding keys (<paramref name="validSlots"/> [B, L] false) and, with a window, keys at
    /// distance ≥ window from the query. Rows may start at different slots. Returns [B, 1, 1, T, L].
    /// </summary>
    public static Tensor BlockedAtSlots(Tensor querySlots, Tensor? validSlots, long length, int? window)
    {
        ArgumentNullException.ThrowIfNull(querySlots);
        using var scope = NewDisposeScope();
        Tensor keys = arange(length, ScalarType.Int64, querySlots.device).view(1, 1, length);   // [1, 1, L]
        Tensor queries = querySlots.unsqueeze(-1);                                                // [B, T, 1]
        Tensor blocked = keys > queries;                                                          // [B, T, L]
        if (window is int w) blocked = blocked.logical_or(queries - keys >= w);
        if (validSlots is not null) blocked = blocked.logical_or(validSlots.logical_not().unsqueeze(1));
        return blocked.unsqueeze(1).unsqueeze(1).MoveToOuterDisposeScope();
    }
}
