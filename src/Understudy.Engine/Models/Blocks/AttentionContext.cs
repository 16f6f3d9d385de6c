using static TorchSharp.torch;

namespace Understudy.Engine.Models.Blocks;

/// <summary>What every layer of one forward pass shares: rotary tables, masks and the KV cache.</summary>
public sealed class AttentionContext
{
    /// <summary>cos [B, T, 1, rotaryDim].</summary>
    public required Tensor Cos { get; init; }

    /// <summary>Sign-adjusted sin [B, T, 1, rotaryDim] (see <see cref="RotaryEmbedding"/>).</summary>
    public required Tensor SinSigned { get; init; }

    /// <summary>[B, 1, 1, T, L] bool, true where a query must not see a key; null when nothing is masked.</summary>
    public Tensor? Blocked { get; init; }

    /// <summary>Like <see cref="Blocked"/>, also blocking keys outside a sliding window; built on demand per window.</summary>
    public Func<int, Tensor?>? BlockedForWindow { get; init; }

    /// <summary>The KV cache, or null for a stand-alone pass.</summary>
    public Models.IKeyValueCache? Cache { get; init; }

    /// <summary>The cache slot of the first query.</summary>
    public long CacheOffset { get; init; }
}
