namespace Understudy.Engine.Kernels;

/// <summary>Bulk bfloat16 ↔ float32 conversion on raw 16-bit patterns (round-to-nearest-even, NaN kept NaN).</summary>
internal static unsafe class BFloat16Conversion
{
    /// <summary>Widens <paramref name="count"/> bf16 values: the float's upper 16 bits are the bf16 pattern.</summary>
    public static void ToFloat32(ushort* source, float* destination, long count)
    {
        for (long i = 0; i < count; i++) destination[i] = BitConverter.Int32BitsToSingle(source[i] << 16);
    }

    /// <summary>Rounds <paramref name="count"/> floats to bf16 the way libtorch does (nearest, ties to even).</summary>
    public static void FromFloat32(float* source, ushort* destination, long count)
    {
        for (long i = 0; i < count; i++)
        {
            uint bits = BitConverter.SingleToUInt32Bits(source[i]);
            destination[i] = float.IsNaN(source[i])
                ? (ushort)((bits >> 16) | 0x40)
                : (ushort)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
        }
    }
}
