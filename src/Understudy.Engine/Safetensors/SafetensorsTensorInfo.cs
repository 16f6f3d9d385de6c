using static TorchSharp.torch;

namespace Understudy.Engine.Safetensors;

/// <summary>One tensor entry of a safetensors header: its dtype, shape and byte range in the data section.</summary>
/// <param name="Name">The tensor's key, e.g. <c>model.layers.0.self_attn.q_proj.weight</c>.</param>
/// <param name="DType">The stored element type.</param>
/// <param name="Shape">The tensor's shape.</param>
/// <param name="Begin">Start offset (bytes) relative to the start of the data section.</param>
/// <param name="End">End offset (bytes, exclusive) relative to the start of the data section.</param>
public sealed record SafetensorsTensorInfo(string Name, ScalarType DType, long[] Shape, long Begin, long End)
{
    /// <summary>Number of elements.</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Number of bytes in the data section.</summary>
    public long ByteLength => End - Begin;
}
