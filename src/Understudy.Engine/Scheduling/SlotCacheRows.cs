using Understudy.Engine.Kernels;
using Understudy.Engine.Models;
using static TorchSharp.torch;

namespace Understudy.Engine.Scheduling;

/// <summary>
/// One forward pass's view of a <see cref="SlotKvCache"/>: contiguous rows, each writing its new keys and values at
/// its own positions (a scatter when rows start at different positions, a narrow copy when they start together).
/// </summary>
internal sealed class SlotCacheRows(SlotKvCache cache, int firstSlot, int rows, Tensor? querySlots) : IKeyValueCache, IDecodeStepCache
{
    public (Tensor Keys, Tensor Values) Append(int layer, long offset, Tensor keys, Tensor values)
    {
        long steps = keys.shape[1];
        if (offset + steps > cache.Capacity)
            throw new InvalidOperationException($"The slot cache holds {cache.Capacity} positions; writing {steps} at {offset} overflows it.");
        Tensor allKeys = cache.Keys(layer).narrow(0, firstSlot, rows);                  // [rows, K, capacity, D]
        Tensor allValues = cache.Values(layer).narrow(0, firstSlot, rows);
        if (querySlots is null)
        {
            allKeys.narrow(2, offset, steps).copy_(keys.transpose(1, 2));
            allValues.narrow(2, offset, steps).copy_(values.transpose(1, 2));
        }
        else
        {
            // Row b's query t goes to position querySlots[b, t] of row b.
            Tensor index = querySlots.view(rows, 1, steps, 1).expand(rows, keys.shape[2], steps, keys.shape[3]);
            allKeys.scatter_(2, index, keys.transpose(1, 2));
            allValues.scatter_(2, index, values.transpose(1, 2));
        }
        return (allKeys.narrow(2, 0, offset + steps), allValues.narrow(2, 0, offset + steps));
    }

    public unsafe bool TryGetDecodeSlots(int layer, long offset, int stepRows, out DecodeCacheSlots slots)
    {
        slots = default;
        Tensor keys = cache.Keys(layer), values = cache.Values(layer);
        if (stepRows != rows || offset < 0 || offset + 1 > cache.Capacity || !DecodeOps.IsKernelOperand(keys) || !DecodeOps.IsKernelOperand(values))
            return false;
        long* positions = null;
        if (querySlots is not null)
        {
            if (querySlots.dtype != ScalarType.Int64 || querySlots.device_type != TorchSharp.DeviceType.CPU || !querySlots.is_contiguous()
                || querySlots.numel() != rows) return false;
            positions = (long*)TensorMemory.Address(querySlots);
        }
        long headStride = cache.Capacity * keys.shape[3], rowStride = keys.shape[1] * headStride, elementBytes = keys.dtype == ScalarType.BFloat16 ? 2 : 4;
        slots = new DecodeCacheSlots
        {
            Keys = (byte*)TensorMemory.Address(keys) + firstSlot * rowStride * elementBytes,
            Values = (byte*)TensorMemory.Address(values) + firstSlot * rowStride * elementBytes,
            BFloat16 = elementBytes == 2,
            RowStride = rowStride,
            HeadStride = headStride,
            WritePositions = positions,
            Offset = offset,
        };
        return true;
    }
}
