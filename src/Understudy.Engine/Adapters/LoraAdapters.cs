using Understudy.Engine.Models;
using static TorchSharp.torch;

namespace Understudy.Engine.Adapters;

/// <summary>Attaches fresh LoRA adapters to a model (see <see cref="PeftAdapter"/> for saved ones).</summary>
public static class LoraAdapters
{
    /// <summary>
    /// Freezes every base parameter and wraps each linear layer that <see cref="LoraSettings.TargetModules"/> selects
    /// in a <see cref="LoraLinear"/> with A Kaiming-uniform (from <paramref name="seed"/>) and B zero, so the model's
    /// output is unchanged until training moves B. Adapter weights are float32 on the model's device.
    /// </summary>
    public static AttachedLora Attach(CausalLanguageModel model, LoraSettings settings, long seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var targets = LoraTargets.Select(model, settings.TargetModules);
        return AttachedLora.Create(model, settings, targets, seed);
    }

    /// <summary>The dtype adapter weights are kept in (PEFT also upcasts adapters to float32 by default).</summary>
    public static ScalarType AdapterDType => ScalarType.Float32;
}
