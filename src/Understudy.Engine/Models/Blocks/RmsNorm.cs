using TorchSharp.Modules;
using Understudy.Engine.Kernels;
using static TorchSharp.torch;

namespace Understudy.Engine.Models.Blocks;

/// <summary>
/// Root-mean-square layer norm: <c>x / sqrt(mean(x²) + eps) * weight</c>, computed in float32 and cast back.
/// Gemma stores the weight as an offset from one and scales by <c>(1 + weight)</c>.
/// </summary>
public sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly double _eps;
    private readonly bool _weightIsOffsetFromOne;

    /// <summary>Creates the norm over the last dimension of size <paramref name="size"/> (weight uninitialised).</summary>
    public RmsNorm(long size, double eps, bool weightIsOffsetFromOne, Device device, ScalarType dtype) : base(nameof(RmsNorm))
    {
        weight = new Parameter(WeightArena.Empty([size], dtype, device), requires_grad: false);
        _eps = eps;
        _weightIsOffsetFromOne = weightIsOffsetFromOne;
        RegisterComponents();
    }

    /// <summary>The learned scale.</summary>
    public Parameter Weight => weight;

    /// <summary>The value a freshly initialised weight takes (1, or 0 when stored as an offset from one).</summary>
    public double NeutralWeight => _weightIsOffsetFromOne ? 0.0 : 1.0;

    /// <summary>The epsilon added to the mean square.</summary>
    internal double Eps => _eps;

    /// <summary>True when the norm scales by (1 + weight) (Gemma).</summary>
    internal bool WeightIsOffsetFromOne => _weightIsOffsetFromOne;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        if (DecodeOps.RmsNorm(input, weight, _eps, _weightIsOffsetFromOne) is { } fused) return fused;
        using var scope = NewDisposeScope();
        ScalarType dtype = input.dtype;
        Tensor x = dtype == ScalarType.Float32 ? input : input.to_type(ScalarType.Float32);
        Tensor normalized = x * x.square().mean([-1], keepdim: true).add_(_eps).rsqrt_();
        Tensor result;
        if (_weightIsOffsetFromOne)
        {
            // Gemma multiplies in float32 before casting back (modeling_gemma.GemmaRMSNorm).
            result = (normalized * (weight.to_type(ScalarType.Float32) + 1.0)).to_type(dtype);
        }
        else
        {
            result = normalized.to_type(dtype).mul_(weight);
        }
        return result.MoveToOuterDisposeScope();
    }
}
