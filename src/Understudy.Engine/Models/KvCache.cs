using Understudy.Engine.Kernels;
using static TorchSharp.torch;

namespace Understudy.Engine.Models;

/// <summary>
/// Pre-allocated key/value cache: per layer two tensors [batch, kvHeads, capacity, headDim]. New keys and values are
/// copied into their slots; attention reads a view of the first <c>length</c> slots. Nothing is concatenated per step.
/// Slots are shared by every row of the batch (left padding keeps prompts aligned on their last token).
/// </summary>
public sealed class KvCache : IKeyValueCache, IDecodeStepCache, IDisposable
{
    private readonly Tensor[] _keys;
    private readonly Tensor[] _values;

    /// <summary>Allocates the cache for <paramref name="config"/>'s layer shapes.</summary>
    public KvCache(ModelConfig config, long batchSize, long capacity, ScalarType dtype, Device device)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity), "The cache needs at least one slot.");
        BatchSize = batchSize;
        Capacity = capacity;
        long[] shape = [batchSize, config.ResolvedKeyValueHeads, capacity, config.ResolvedHeadDim];
        _keys = new Tensor[config.NumHiddenLayers];
        _values = new Tensor[config.NumHiddenLayers];
        for (int i = 0; i < _keys.Length; i++)
        {
            _keys[i] = zeros(shape, dtype, device);
            _values[i] = zeros(shape, dtype, device);
        }
    }

    /// <summary>Rows in the batch.</summary>
    public long BatchSize { get; }

    /// <summary>Slots per row.</summary>
    public long Capacity { get; }

    /// <summary>
    /// Stores keys and values [B, T, kvHeads, headDim] at slots [offset, offset + T) of <paramref name="layer"/> and
    /// returns views of slots [0, offset + T) as [B, kvHeads, L, headDim].
    /// </summary>
    public (Tensor Keys, Tensor Values) Append(int layer, long offset, Tensor keys, Tensor values)
    {
        long steps = keys.shape[1];
        if (offset + steps > Capacity)
            throw new InvalidOperationException($"The KV cache holds {Capacity} positions; writing {steps} at {offset} overflows it. Lower max_new_tokens or the prompt length.");
        if (!DecodeOps.TryCopyIntoCache(_keys[layer], offset, keys) || !DecodeOps.TryCopyIntoCache(_values[layer], offset, values))
        {
            _keys[layer].narrow(2, offset, steps).copy_(keys.transpose(1, 2));
            _values[layer].narrow(2, offset, steps).copy_(values.transpose(1, 2));
        }
        return (_keys[layer].narrow(2, 0, offset + steps), _values[layer].narrow(2, 0, offset + steps));
    }

    /// <inheritdoc />
    unsafe bool IDecodeStepCache.TryGetDecodeSlots(int layer, long offset, int rows, out DecodeCacheSlots slots)
    {
        slots = default;
        Tensor keys = _keys[layer], values = _values[layer];
        if (rows != BatchSize || offset < 0 || offset + 1 > Capacity || !DecodeOps.IsKernelOperand(keys) || !DecodeOps.IsKernelOperand(values))
            return false;
        long headStride = Capacity * keys.shape[3];
        slots = new DecodeCacheSlots
        {
            Keys = TensorMemory.Address(keys),
            Values = TensorMemory.Address(values),
            BFloat16 = keys.dtype == ScalarType.BFloat16,
            RowStride = keys.shape[1] * headStride,
            HeadStride = headStride,
            WritePositions = null,
            Offset = offset,
        };
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in _keys) t.Dispose();
        foreach (var t in _values) t.Dispose();
    }
}
