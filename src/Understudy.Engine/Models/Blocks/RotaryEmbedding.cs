using TorchSharp;
using Understudy.Engine.Kernels;
using static TorchSharp.torch;

namespace Understudy.Engine.Models.Blocks;

/// <summary>
/// Rotary position embedding (RoPE) in the Hugging Face "rotate half" layout. For position p and frequency
/// θᵢ = base^(-2i/d) (rescaled per <c>rope_scaling</c>), channel pairs (i, i + d/2) rotate by angle p·θᵢ:
/// <c>x·cos + rotate_half(x)·sin</c>, where <c>rotate_half(x) = [-x₂, x₁]</c>.
/// </summary>
public sealed class RotaryEmbedding : nn.Module<Tensor, (Tensor Cos, Tensor SinSigned)>
{
    private readonly Tensor inv_freq;
    private readonly Tensor half_signs;

    /// <summary>Builds the frequencies for <paramref name="rotaryDim"/> channels of each head.</summary>
    public RotaryEmbedding(int rotaryDim, double theta, RopeScalingConfig? scaling, Device device) : base(nameof(RotaryEmbedding))
    {
        RotaryDim = rotaryDim;
        float[] frequencies = RopeFrequencies.Compute(rotaryDim, theta, scaling);
        inv_freq = tensor(frequencies, device: device);
        var signs = new float[rotaryDim];
        for (int i = 0; i < rotaryDim; i++) signs[i] = i < rotaryDim / 2 ? -1f : 1f;
        half_signs = tensor(signs, device: device);
        register_buffer(nameof(inv_freq), inv_freq, persistent: false);
        register_buffer(nameof(half_signs), half_signs, persistent: false);
    }

    /// <summary>Rotated channels per head.</summary>
    public int RotaryDim { get; }

    /// <summary>
    /// For position ids [B, T] returns cos and sign-adjusted sin, each [B, T, 1, rotaryDim] in float32, such that
    /// <c>rotate_half(x)·sin == roll(x, d/2)·sinSigned</c>.
    /// </summary>
    public override (Tensor Cos, Tensor SinSigned) forward(Tensor positionIds)
    {
        using var scope = NewDisposeScope();
        Tensor angles = positionIds.to_type(ScalarType.Float32).unsqueeze(-1) * inv_freq;   // [B, T, d/2]
        Tensor doubled = cat([angles, angles], -1).unsqueeze(2);                              // [B, T, 1, d]
        Tensor cos = doubled.cos();
        Tensor sin = doubled.sin().mul_(half_signs);
        return (cos.MoveToOuterDisposeScope(), sin.MoveToOuterDisposeScope());
    }

    /// <summary>Applies the rotation to x [B, T, heads, d] (rotating the first rotaryDim channels).</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sinSigned)
    {
        if (DecodeOps.Rotary(x, cos, sinSigned) is { } fused) return fused;
        long rotary = cos.shape[^1];
        long headDim = x.shape[^1];
        if (rotary == headDim) return Rotate(x, cos, sinSigned);

        using var scope = NewDisposeScope();
        Tensor rotated = Rotate(x.narrow(-1, 0, rotary), cos, sinSigned);
        return cat([rotated, x.narrow(-1, rotary, headDim - rotary)], -1).MoveToOuterDisposeScope();
    }

    private static Tensor Rotate(Tensor x, Tensor cos, Tensor sinSigned)
    {
        using var scope = NewDisposeScope();
        Tensor c = cos.dtype == x.dtype ? cos : cos.to_type(x.dtype);
        Tensor s = sinSigned.dtype == x.dtype ? sinSigned : sinSigned.to_type(x.dtype);
        Tensor result = (x * c).addcmul_(x.roll(x.shape[^1] / 2, -1), s, 1);
        return result.MoveToOuterDisposeScope();
    }
}
