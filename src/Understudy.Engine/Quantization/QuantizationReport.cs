namespace Understudy.Engine.Quantization;

/// <summary>What <see cref="WeightQuantizer.QuantizeFrozenLinears"/> did: how many layers, and their weight bytes before and after.</summary>
/// <param name="LayerCount">Linear layers quantized.</param>
/// <param name="BytesBefore">Bytes of those layers' weights in the model dtype.</param>
/// <param name="BytesAfter">Bytes of their quantized codes plus scales.</param>
public sealed record QuantizationReport(int LayerCount, long BytesBefore, long BytesAfter)
{
    /// <summary>Bytes freed.</summary>
    public long BytesSaved => BytesBefore - BytesAfter;

    /// <summary>BytesAfter / BytesBefore.</summary>
    public double Ratio => BytesBefore == 0 ? 1 : (double)BytesAfter / BytesBefore;
}
