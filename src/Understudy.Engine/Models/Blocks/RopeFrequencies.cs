namespace Understudy.Engine.Models.Blocks;

/// <summary>Computes RoPE inverse frequencies, including the <c>linear</c> and <c>llama3</c> scalings.</summary>
public static class RopeFrequencies
{
    /// <summary>θᵢ = base^(-2i/d) for i &lt; d/2, rescaled as <paramref name="scaling"/> says.</summary>
    public static float[] Compute(int rotaryDim, double theta, RopeScalingConfig? scaling)
    {
        var inverse = new float[rotaryDim / 2];
        for (int i = 0; i < inverse.Length; i++)
        {
            // Computed in float32 like transformers: 1 / base ** (arange(0, d, 2).float() / d).
            float exponent = (float)(2 * i) / rotaryDim;
            inverse[i] = 1f / MathF.Pow((float)theta, exponent);
        }
        string kind = scaling?.Kind ?? "default";
        switch (kind)
        {
            case "default":
                return inverse;
            case "linear":
                return inverse.Select(f => (float)(f / scaling!.Factor)).ToArray();
            case "llama3":
                return ApplyLlama3(inverse, scaling!);
            default:
                throw new NotSupportedException(
                    $"config.json: rope_scaling type '{kind}' is not supported (supported: default, linear, llama3).");
        }
    }

    // transformers.modeling_rope_utils._compute_llama3_parameters: long wavelengths are divided by the factor,
    // short ones kept, and the band between is interpolated smoothly.
    private static float[] ApplyLlama3(float[] inverse, RopeScalingConfig scaling)
    {
        double factor = scaling.Factor;
        double low = scaling.LowFreqFactor, high = scaling.HighFreqFactor;
        double oldContext = scaling.OriginalMaxPositionEmbeddings
            ?? throw new InvalidDataException("config.json: rope_scaling of type llama3 needs 'original_max_position_embeddings'.");
        double lowFreqWavelength = oldContext / low;
        double highFreqWavelength = oldContext / high;
        var result = new float[inverse.Length];
        for (int i = 0; i < inverse.Length; i++)
        {
            double frequency = inverse[i];
            double wavelength = 2 * Math.PI / frequency;
            if (wavelength < highFreqWavelength) result[i] = (float)frequency;
            else if (wavelength > lowFreqWavelength) result[i] = (float)(frequency / factor);
            else
            {
                double smooth = (oldContext / wavelength - low) / (high - low);
                result[i] = (float)((1 - smooth) * frequency / factor + smooth * frequency);
            }
        }
        return result;
    }
}
