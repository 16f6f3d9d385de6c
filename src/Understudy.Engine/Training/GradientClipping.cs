using TorchSharp.Modules;

namespace Understudy.Engine.Training;

/// <summary>Global gradient-norm clipping, as <c>torch.nn.utils.clip_grad_norm_</c>.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales every gradient by min(1, maxNorm / ‖g‖₂) where ‖g‖₂ is the norm of all gradients together; returns that
    /// norm before clipping. <paramref name="maxNorm"/> ≤ 0 only measures.
    /// </summary>
    public static double Clip(IEnumerable<Parameter> parameters, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters.Where(p => p.grad is not null).ToList();
        return maxNorm > 0
            ? TorchSharp.torch.nn.utils.clip_grad_norm_(list, maxNorm)
            : TorchSharp.torch.nn.utils.clip_grad_norm_(list, double.PositiveInfinity);
    }
}
