using TorchSharp.Modules;
using Understudy.Engine.Models;

namespace Understudy.Engine.Training;

/// <summary>Full fine-tuning: every weight of the model is trained (no adapters).</summary>
public static class FullFineTuning
{
    /// <summary>Makes every parameter require a gradient and returns them by their state-dict names.</summary>
    public static IReadOnlyList<(string Name, Parameter Parameter)> Prepare(CausalLanguageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var trainable = new List<(string, Parameter)>();
        foreach (var (name, parameter) in model.named_parameters())
        {
            parameter.requires_grad = true;
            trainable.Add((name, parameter));
        }
        return trainable;
    }
}
