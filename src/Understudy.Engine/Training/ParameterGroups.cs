using TorchSharp.Modules;

namespace Understudy.Engine.Training;

/// <summary>
/// Splits trainable parameters as transformers' Trainer does: weight decay for matrices, none for biases and
/// normalisation weights (every one-dimensional parameter).
/// </summary>
public static class ParameterGroups
{
    /// <summary>True when <paramref name="name"/>/<paramref name="parameter"/> takes weight decay.</summary>
    public static bool TakesWeightDecay(string name, Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.dim() >= 2 && !name.EndsWith(".bias", StringComparison.Ordinal);
    }

    /// <summary>An AdamW optimizer (betas 0.9/0.999, eps 1e-8 as in transformers) with a decay and a no-decay group.</summary>
    public static AdamW CreateAdamW(IReadOnlyList<(string Name, Parameter Parameter)> trainable, double learningRate, double weightDecay)
    {
        ArgumentNullException.ThrowIfNull(trainable);
        if (trainable.Count == 0) throw new ArgumentException("There is nothing to train: no parameter requires a gradient.", nameof(trainable));
        var decay = trainable.Where(p => TakesWeightDecay(p.Name, p.Parameter)).Select(p => p.Parameter).ToList();
        var noDecay = trainable.Where(p => !TakesWeightDecay(p.Name, p.Parameter)).Select(p => p.Parameter).ToList();
        var groups = new List<AdamW.ParamGroup>();
        if (decay.Count > 0) groups.Add(new AdamW.ParamGroup(decay, learningRate, 0.9, 0.999, 1e-8, weightDecay, false, false));
        if (noDecay.Count > 0) groups.Add(new AdamW.ParamGroup(noDecay, learningRate, 0.9, 0.999, 1e-8, 0.0, false, false));
        return TorchSharp.torch.optim.AdamW(groups, learningRate, 0.9, 0.999, 1e-8, weightDecay, false, false);
    }
}
