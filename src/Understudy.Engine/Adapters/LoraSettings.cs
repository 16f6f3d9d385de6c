namespace Understudy.Engine.Adapters;

/// <summary>
/// The LoRA hyper-parameters, named as PEFT's <c>LoraConfig</c> and the alignment-handbook recipes name them
/// (<c>lora_r</c>, <c>lora_alpha</c>, <c>lora_dropout</c>, <c>lora_target_modules</c>).
/// </summary>
public sealed record LoraSettings
{
    /// <summary>The value of <see cref="TargetModules"/> that selects every decoder linear layer except <c>lm_head</c>.</summary>
    public const string AllLinear = "all-linear";

    /// <summary>The rank r of the update B·A (<c>lora_r</c>, PEFT's <c>r</c>). Default 8.</summary>
    public int Rank { get; init; } = 8;

    /// <summary>The scale numerator α (<c>lora_alpha</c>): the update is multiplied by α/r (α/√r with rsLoRA). Default 16.</summary>
    public double Alpha { get; init; } = 16;

    /// <summary>Dropout applied to the input of A while training (<c>lora_dropout</c>). Default 0.05.</summary>
    public double Dropout { get; init; } = 0.05;

    /// <summary>
    /// Module-name suffixes to wrap (<c>q_proj</c>, <c>v_proj</c>, ...; a name matches when the module path equals it
    /// or ends with <c>.name</c>, as in PEFT), or the single entry <c>all-linear</c>. Default q_proj and v_proj (PEFT's
    /// default for Llama-style models).
    /// </summary>
    public IReadOnlyList<string> TargetModules { get; init; } = ["q_proj", "v_proj"];

    /// <summary>rsLoRA: scale by α/√r instead of α/r (<c>use_rslora</c>).</summary>
    public bool UseRsLora { get; init; }

    /// <summary>The factor applied to B·A·x.</summary>
    public double Scaling => UseRsLora ? Alpha / Math.Sqrt(Rank) : Alpha / Rank;

    /// <summary>True when <see cref="TargetModules"/> is <c>all-linear</c>.</summary>
    public bool TargetsAllLinear => TargetModules.Count == 1 && string.Equals(TargetModules[0], AllLinear, StringComparison.OrdinalIgnoreCase);

    /// <summary>Throws a clear error naming the setting that is out of range.</summary>
    public void Validate()
    {
        if (Rank <= 0) throw new ArgumentException($"lora_r must be a positive integer (got {Rank}).");
        if (!(Alpha > 0) || double.IsInfinity(Alpha)) throw new ArgumentException($"lora_alpha must be a positive number (got {Alpha}).");
        if (Dropout < 0 || Dropout >= 1 || double.IsNaN(Dropout)) throw new ArgumentException($"lora_dropout must be in [0, 1) (got {Dropout}).");
        if (TargetModules is null || TargetModules.Count == 0)
            throw new ArgumentException("lora_target_modules must name at least one module (e.g. q_proj, v_proj) or be 'all-linear'.");
        if (TargetModules.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("lora_target_modules contains an empty name.");
        if (TargetModules.Count > 1 && TargetModules.Any(t => string.Equals(t, AllLinear, StringComparison.OrdinalIgnoreCase)))
            throw new ArgumentException("lora_target_modules: 'all-linear' must be the only entry.");
    }
}
