using TorchSharp.Modules;
using Understudy.Engine.Kernels;
using static TorchSharp.torch;

namespace Understudy.Engine.Models.Blocks;

/// <summary>Creates <see cref="Linear"/> modules over uninitialised (or caller-provided) storage, without random init.</summary>
public static class Projection
{
    /// <summary>A linear layer <c>y = x Wᵀ + b</c> with W of shape [outFeatures, inFeatures], left uninitialised.</summary>
    public static Linear Create(long inFeatures, long outFeatures, bool hasBias, Device device, ScalarType dtype)
    {
        var weight = new Parameter(WeightArena.Empty([outFeatures, inFeatures], dtype, device), requires_grad: false);
        Parameter? bias = hasBias ? new Parameter(WeightArena.Empty([outFeatures], dtype, device), requires_grad: false) : null;
        return nn.Linear(weight, bias);
    }

    /// <summary>
    /// Runs a projection slot on <paramref name="input"/>. A plain <see cref="Linear"/> at decode size goes through
    /// <see cref="SkinnyLinear"/> (see its dispatch rule); anything else (training, prefill, an adapter or quantized
    /// module in the slot, GPU) runs the module itself.
    /// </summary>
    public static Tensor Forward(nn.Module<Tensor, Tensor> layer, Tensor input, bool servesBFloat16 = false) =>
        layer is Linear { weight: { } weight } linear && SkinnyLinear.TryForward(input, weight, linear.bias, servesBFloat16) is { } output
            ? output
            : layer.call(input);

    /// <summary><c>input · weightᵀ + bias</c>: <see cref="SkinnyLinear"/> at decode size, libtorch otherwise.</summary>
    public static Tensor Forward(Tensor input, Tensor weight, Tensor? bias = null, bool servesBFloat16 = false) =>
        SkinnyLinear.TryForward(input, weight, bias, servesBFloat16) ?? nn.functional.linear(input, weight, bias);
}
