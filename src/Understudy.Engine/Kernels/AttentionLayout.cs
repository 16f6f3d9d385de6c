namespace Understudy.Engine.Kernels;

/// <summary>Addresses, strides (in elements) and sizes of one single-query attention call, for <see cref="AttentionJob"/>.</summary>
internal sealed unsafe class AttentionLayout
{
    public required int Batch { get; init; }
    public required int Heads { get; init; }
    public required int KvHeads { get; init; }
    public required int HeadDim { get; init; }
    public required int Length { get; init; }
    public required float Scale { get; init; }
    /// <summary>Keys and values are bfloat16 (widened as they are read); queries and output stay float32.</summary>
    public bool BFloat16Cache { get; init; }
    /// <summary>The logit soft-cap, or 0 for none.</summary>
    public required float SoftCap { get; init; }
    public required float* Queries { get; init; }
    public required long QueryBatchStride { get; init; }
    public required long QueryHeadStride { get; init; }
    /// <summary>float32, or bfloat16 patterns when <see cref="BFloat16Cache"/>.</summary>
    public required void* Keys { get; init; }
    public required long KeyBatchStride { get; init; }
    public required long KeyHeadStride { get; init; }
    public required long KeyStepStride { get; init; }
    public required void* Values { get; init; }
    public required long ValueBatchStride { get; init; }
    public required long ValueHeadStride { get; init; }
    public required long ValueStepStride { get; init; }
    /// <summary>Bytes per key position (1 = blocked), or null when nothing is blocked.</summary>
    public required byte* Blocked { get; init; }
    public required long BlockedBatchStride { get; init; }
    /// <summary>[Batch, Heads, HeadDim], contiguous.</summary>
    public required float* Output { get; init; }
}
