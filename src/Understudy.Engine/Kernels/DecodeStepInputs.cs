namespace Understudy.Engine.Kernels;

/// <summary>What every layer of one decode step shares, as raw addresses: rotary tables, the mask, the rows.</summary>
internal readonly unsafe struct DecodeStepInputs
{
    /// <summary>Rows in the step (one new position each).</summary>
    public required int Batch { get; init; }

    /// <summary>cos and sign-adjusted sin [batch, rotaryDim] (see <c>RotaryEmbedding</c>).</summary>
    public required float* Cos { get; init; }
    public required float* SinSigned { get; init; }
    public required int RotaryDim { get; init; }

    /// <summary>[batch or 1, length] bytes, 1 where the row must not see the key; null when nothing is blocked.</summary>
    public required byte* Blocked { get; init; }
    /// <summary>0 when one mask row serves every batch row, else the length.</summary>
    public required long BlockedBatchStride { get; init; }
}
