using static TorchSharp.torch;

namespace Understudy.Engine.Models;

/// <summary>
/// Where attention layers keep the keys and values of earlier positions. <see cref="KvCache"/> serves one static
/// batch; the continuous-batching scheduler's slot cache serves rows that join and leave between steps.
/// </summary>
public interface IKeyValueCache
{
    /// <summary>
    /// Stores keys and values [B, T, kvHeads, headDim] of <paramref name="layer"/> for this pass's queries and returns
    /// views of the key/value slots [0, offset + T) as [B, kvHeads, L, headDim]. <paramref name="offset"/> is the
    /// pass's <see cref="ModelInput.CacheOffset"/>.
    /// </summary>
    (Tensor Keys, Tensor Values) Append(int layer, long offset, Tensor keys, Tensor values);
}
