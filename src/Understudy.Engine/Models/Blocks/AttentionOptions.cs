namespace Understudy.Engine.Models.Blocks;

/// <summary>Shape and variant switches of one attention layer.</summary>
public sealed record AttentionOptions
{
    public required int HiddenSize { get; init; }
    public required int NumHeads { get; init; }
    public required int NumKeyValueHeads { get; init; }
    public required int HeadDim { get; init; }
    /// <summary>Bias on q/k/v (Qwen2, attention_bias).</summary>
    public bool QkvBias { get; init; }
    /// <summary>Bias on o_proj (attention_bias in Llama).</summary>
    public bool OutputBias { get; init; }
    /// <summary>One <c>qkv_proj</c> weight in the checkpoint instead of q/k/v (Phi-3).</summary>
    public bool StoredFused { get; init; }
    /// <summary>RMS norm over each head of q and k before RoPE (Qwen3), with this epsilon.</summary>
    public double? QkNormEps { get; init; }
    /// <summary>Score scale; 1/sqrt(head_dim) unless the family says otherwise.</summary>
    public double? Scale { get; init; }
    /// <summary>Scores become cap·tanh(scores/cap) (Gemma 2).</summary>
    public double? LogitSoftcap { get; init; }
    /// <summary>Attend only to the last N positions (Mistral, Gemma 2's even layers).</summary>
    public int? SlidingWindow { get; init; }
    /// <summary>Multi-token passes use libtorch's fused attention (else the explicit form); soft-capping always uses the explicit form.</summary>
    public bool FusedAttention { get; init; } = true;

    /// <summary>The options config.json implies for a plain Llama-style layer; families adjust them with <c>with</c>.</summary>
    public static AttentionOptions ForConfig(ModelConfig config) => new()
    {
        HiddenSize = config.HiddenSize,
        NumHeads = config.NumAttentionHeads,
        NumKeyValueHeads = config.ResolvedKeyValueHeads,
        HeadDim = config.ResolvedHeadDim,
        QkvBias = config.AttentionBias,
        OutputBias = config.AttentionBias,
        FusedAttention = AttentionImplementations.Validate(config.AttnImplementation) == AttentionImplementations.Sdpa,
    };
}
