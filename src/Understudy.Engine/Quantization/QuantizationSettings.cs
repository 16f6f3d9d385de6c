namespace Understudy.Engine.Quantization;

/// <summary>
/// Weight-only quantization of frozen linear layers (QLoRA-style). 8 bits: symmetric int8 with one absmax scale per
/// group of <see cref="GroupSize"/> input weights. 4 bits: NF4 (the QLoRA paper's NormalFloat code, as bitsandbytes'
/// <c>bnb_4bit_quant_type="nf4"</c>), two codes per byte, one absmax scale per group. Scales are float32.
/// </summary>
public sealed record QuantizationSettings
{
    /// <summary>8 (int8) or 4 (NF4).</summary>
    public int Bits { get; init; } = 8;

    /// <summary>Input weights per scale; must divide every quantized layer's input size. Default 64 (bitsandbytes' 4-bit block size).</summary>
    public int GroupSize { get; init; } = 64;

    /// <summary>The settings that <c>load_in_8bit</c> / <c>load_in_4bit</c> ask for, or null when neither is set.</summary>
    public static QuantizationSettings? FromFlags(bool loadIn8Bit, bool loadIn4Bit)
    {
        if (loadIn8Bit && loadIn4Bit) throw new ArgumentException("load_in_8bit and load_in_4bit cannot both be true; choose one.");
        return loadIn8Bit ? new QuantizationSettings { Bits = 8 } : loadIn4Bit ? new QuantizationSettings { Bits = 4 } : null;
    }

    /// <summary>Throws a clear error for unsupported values.</summary>
    public void Validate()
    {
        if (Bits is not (8 or 4)) throw new ArgumentException($"Quantization bits must be 8 or 4 (got {Bits}).");
        if (GroupSize < 2 || GroupSize % 2 != 0) throw new ArgumentException($"Quantization group size must be an even number ≥ 2 (got {GroupSize}).");
    }
}
