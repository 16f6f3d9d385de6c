using Understudy.Engine.Models;

namespace Understudy.Pipelines.FineTuning;

/// <summary>Picks the fine-tuning method a config asks for.</summary>
public static class FineTuningMethods
{
    /// <summary>LoRA when use_peft is true, full fine-tuning otherwise.</summary>
    public static IFineTuningMethod Create(SftConfig config, CausalLanguageModel model, string baseModelFolder)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(model);
        return config.UsePeft ? new LoraFineTuningMethod(config, model, baseModelFolder) : new FullFineTuningMethod(model);
    }
}
