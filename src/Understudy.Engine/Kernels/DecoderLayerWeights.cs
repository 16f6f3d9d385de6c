namespace Understudy.Engine.Kernels;

/// <summary>
/// One pre-norm decoder layer's weights as raw addresses, with its shape, for <see cref="DecoderLayerKernel"/>: all
/// float32, or all bfloat16 (raw 16-bit patterns) when <see cref="BFloat16"/>. Projections are row-major [out, in]; q/k/v
/// and gate/up are the fused row blocks the model keeps for inference. Null marks an absent bias or norm.
/// </summary>
internal readonly unsafe struct DecoderLayerWeights
{
    public required int Hidden { get; init; }
    public required int Heads { get; init; }
    public required int KvHeads { get; init; }
    public required int HeadDim { get; init; }
    public required int Intermediate { get; init; }

    /// <summary>Every weight, norm and bias is bfloat16 (else float32).</summary>
    public required bool BFloat16 { get; init; }

    /// <summary>input_layernorm and post_attention_layernorm [hidden].</summary>
    public required void* InputNorm { get; init; }
    public required void* PostAttentionNorm { get; init; }
    public required float NormEps { get; init; }
    /// <summary>Gemma's norms scale by (1 + weight).</summary>
    public required bool NormOffsetFromOne { get; init; }

    /// <summary>q, k, v stacked: [(heads + 2·kvHeads)·headDim, hidden], and its bias.</summary>
    public required void* Qkv { get; init; }
    public required void* QkvBias { get; init; }
    /// <summary>Qwen3's per-head q and k norms [headDim], or null.</summary>
    public required void* QueryNorm { get; init; }
    public required void* KeyNorm { get; init; }
    public required float QkNormEps { get; init; }
    public required float Scale { get; init; }
    /// <summary>The logit soft-cap, or 0 for none.</summary>
    public required float SoftCap { get; init; }

    /// <summary>o_proj [hidden, heads·headDim] and its bias.</summary>
    public required void* Output { get; init; }
    public required void* OutputBias { get; init; }

    /// <summary>gate and up stacked: [2·intermediate, hidden], and its bias.</summary>
    public required void* GateUp { get; init; }
    public required void* GateUpBias { get; init; }
    /// <summary>down_proj [hidden, intermediate] and its bias.</summary>
    public required void* Down { get; init; }
    public required void* DownBias { get; init; }
    /// <summary>The tanh approximation of GELU instead of SiLU.</summary>
    public required bool GeluTanh { get; init; }
}
