using Understudy.Engine.Kernels;

namespace Understudy.Engine.Models;

/// <summary>
/// A KV cache that can hand a decode step its raw slot addresses (<see cref="DecodeCacheSlots"/>), so the fused
/// decoder-layer kernel writes and reads keys and values without tensor views.
/// </summary>
internal interface IDecodeStepCache
{
    /// <summary>
    /// The slots of <paramref name="layer"/> for a decode step of <paramref name="rows"/> rows at
    /// <paramref name="offset"/>, or false when this pass's cache is not contiguous float32 on the CPU or the step
    /// does not fit (the caller then takes the general path, which reports the problem).
    /// </summary>
    bool TryGetDecodeSlots(int layer, long offset, int rows, out DecodeCacheSlots slots);
}
