using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Understudy.Engine.Models.Blocks;

/// <summary>Creates <see cref="Linear"/> modules over uninitialised (or caller-provided) storage, without random init.</summary>
public static class Projection
{
    /// <summary>A linear layer <c>y = x Wᵀ + b</c> with W of shape [outFeatures, inFeatures], left uninitialised.</summary>
    public static Linear Create(long inFeatures, long outFeatures, bool hasBias, Device device, ScalarType dtype)
    {
        var weight = new Parameter(empty([outFeatures, inFeatures], dtype, device), requires_grad: false);
        Parameter? bias = hasBias ? new Parameter(empty(outFeatures, dtype, device), requires_grad: false) : null;
        return nn.Linear(weight, bias);
    }
}
