using static TorchSharp.torch;

namespace Understudy.Engine.Models;

/// <summary>One forward pass's inputs.</summary>
/// <param name="InputIds">Token ids [B, T] (int64).</param>
/// <param name="PositionIds">Rotary positions [B, T] (int64); left-padded rows start later.</param>
/// <param name="Cache">KV cache to append to, or null for a stand-alone pass.</param>
/// <param name="CacheOffset">The cache slot of the first input token.</param>
/// <param name="ValidSlots">[B, CacheOffset + T] bool: false for padding slots; null when every slot is real.</param>
/// <param name="LastPositionOnly">Compute logits only for the last position of each row.</param>
/// <param name="QuerySlots">
/// [B, T] int64 cache slot of each query when rows start at different slots (continuous batching, where a row's slot
/// is its position); null when every row's queries sit at slots [CacheOffset, CacheOffset + T). With it, each query
/// sees only keys at slots up to its own, and <c>CacheOffset + T</c> is the number of key slots read (at least the
/// largest query slot + 1).
/// </param>
/// <param name="SegmentIds">
/// [B, T] int64 for packed training rows (no cache): a query sees only keys of its own segment, so examples packed
/// into one row never attend to each other; null when each row is one sequence.
/// </param>
public sealed record ModelInput(
    Tensor InputIds,
    Tensor PositionIds,
    IKeyValueCache? Cache = null,
    long CacheOffset = 0,
    Tensor? ValidSlots = null,
    bool LastPositionOnly = false,
    Tensor? QuerySlots = null,
    Tensor? SegmentIds = null)
{
    /// <summary>Input for unpadded rows starting at position 0, without a cache.</summary>
    public static ModelInput ForSequence(Tensor inputIds)
    {
        long steps = inputIds.shape[1];
        Tensor positions = arange(steps, ScalarType.Int64, inputIds.device).unsqueeze(0).expand(inputIds.shape[0], steps);
        return new ModelInput(inputIds, positions);
    }
}
