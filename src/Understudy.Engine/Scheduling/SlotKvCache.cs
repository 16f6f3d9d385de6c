using Understudy.Engine.Models;
using static TorchSharp.torch;

namespace Understudy.Engine.Scheduling;

/// <summary>
/// The continuous-batching KV cache: per layer two tensors [slots, kvHeads, capacity, headDim], one slot (row) per
/// running sequence, where a sequence's position p lives at slot position p (no padding). Rows and positions grow by
/// doubling as sequences need them (up to the batch limit and the model's context), so memory follows real use.
/// The scheduler keeps its decoding sequences in rows [0, n) so a decode step reads a narrow view, never a gather.
/// </summary>
internal sealed class SlotKvCache : IDisposable
{
    private readonly long _kvHeads, _headDim;
    private readonly ScalarType _dtype;
    private readonly Device _device;
    private readonly Tensor[] _keys;
    private readonly Tensor[] _values;

    public SlotKvCache(ModelConfig config, int maxSlots, long initialCapacity, ScalarType dtype, Device device)
    {
        MaxSlots = maxSlots;
        MaxCapacity = config.MaxPositionEmbeddings;
        _kvHeads = config.ResolvedKeyValueHeads;
        _headDim = config.ResolvedHeadDim;
        _dtype = dtype;
        _device = device;
        _keys = new Tensor[config.NumHiddenLayers];
        _values = new Tensor[config.NumHiddenLayers];
        Slots = Math.Min(maxSlots, 1);
        Capacity = Math.Clamp(initialCapacity, 1, MaxCapacity);
        for (int layer = 0; layer < _keys.Length; layer++)
        {
            _keys[layer] = zeros([Slots, _kvHeads, Capacity, _headDim], _dtype, _device);
            _values[layer] = zeros([Slots, _kvHeads, Capacity, _headDim], _dtype, _device);
        }
    }

    /// <summary>Rows allocated now.</summary>
    public int Slots { get; private set; }

    /// <summary>Positions per row allocated now.</summary>
    public long Capacity { get; private set; }

    public int MaxSlots { get; }

    public long MaxCapacity { get; }

    /// <summary>Grows (keeping contents) so rows [0, <paramref name="slots"/>) hold <paramref name="positions"/> positions.</summary>
    public void EnsureSize(int slots, long positions)
    {
        if (slots > MaxSlots) throw new InvalidOperationException($"Slot {slots - 1} is beyond the cache's {MaxSlots} slots.");
        if (positions > MaxCapacity)
            throw new InvalidOperationException($"A sequence needs {positions} positions; the model's context (max_position_embeddings) is {MaxCapacity}.");
        if (slots <= Slots && positions <= Capacity) return;
        int newSlots = slots <= Slots ? Slots : Math.Min(MaxSlots, Math.Max(slots, 2 * Slots));
        long newCapacity = positions <= Capacity ? Capacity : Math.Min(MaxCapacity, Math.Max(positions, 2 * Capacity));
        for (int layer = 0; layer < _keys.Length; layer++)
        {
            _keys[layer] = Grown(_keys[layer], newSlots, newCapacity);
            _values[layer] = Grown(_values[layer], newSlots, newCapacity);
        }
        (Slots, Capacity) = (newSlots, newCapacity);
    }

    /// <summary>Copies the first <paramref name="length"/> positions of row <paramref name="from"/> into row <paramref name="to"/>.</summary>
    public void Move(int from, int to, long length)
    {
        if (from == to || length == 0) return;
        using var scope = NewDisposeScope();
        foreach (var layer in new[] { _keys, _values }.SelectMany(t => t))
            layer.narrow(0, to, 1).narrow(2, 0, length).copy_(layer.narrow(0, from, 1).narrow(2, 0, length));
    }

    /// <summary>
    /// The cache as one forward pass over rows [<paramref name="firstSlot"/>, +<paramref name="rows"/>) sees it.
    /// <paramref name="querySlots"/> [rows, T] gives each query's slot position when rows start at different
    /// positions; null when all start at the pass's offset.
    /// </summary>
    public IKeyValueCache ForRows(int firstSlot, int rows, Tensor? querySlots) => new SlotCacheRows(this, firstSlot, rows, querySlots);

    internal Tensor Keys(int layer) => _keys[layer];

    internal Tensor Values(int layer) => _values[layer];

    private Tensor Grown(Tensor old, int slots, long capacity)
    {
        var grown = zeros([slots, _kvHeads, capacity, _headDim], _dtype, _device);
        using (var region = grown.narrow(0, 0, old.shape[0]).narrow(2, 0, old.shape[2])) region.copy_(old);
        old.Dispose();
        return grown;
    }

    public void Dispose()
    {
        foreach (var t in _keys) t.Dispose();
        foreach (var t in _values) t.Dispose();
    }
}
