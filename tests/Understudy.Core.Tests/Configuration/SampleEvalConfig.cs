using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Understudy.Core.Configuration;

namespace Understudy.Core.Tests.Configuration;

public enum JudgeMode
{
    Pairwise,
    SingleAnswer,
}

/// <summary>A config class exercising every supported value kind, as pipeline configs will.</summary>
[IgnoredKey("push_eval_to_hf_hub_legacy", "results stay in the workspace")]
public sealed class SampleEvalConfig : IValidatableObject
{
    [Required]
    [Description("Service LLM that judges the answers.")]
    public string ServiceModelName { get; set; } = "";

    [OneOf("openai", "anthropic", "gemini")]
    public string ServiceLlmProvider { get; set; } = "openai";

    [Range(1, 100)]
    [Description("How many times each answer is judged.")]
    public int EvalRepeat { get; set; } = 1;

    [Range(0.0, 100.0)]
    public double AvgSimilarityThreshold { get; set; } = 90.0;

    public long Seed { get; set; } = 2024;

    public bool PushEvalToHfHub { get; set; }

    public JudgeMode JudgeMode { get; set; } = JudgeMode.Pairwise;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public List<string> Stop { get; set; } = [];

    public Dictionary<string, double> DatasetMixer { get; set; } = [];

    public int? MaxSamples { get; set; }

    public string? HfToken { get; set; }

    public Uri? BaseUrl { get; set; }

    public string FirstDsId { get; set; } = "first";

    public string SecondDsId { get; set; } = "second";

    public SampleLoraSection Lora { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FirstDsId == SecondDsId)
        {
            yield return new ValidationResult("must differ from second_ds_id", [nameof(FirstDsId)]);
        }
    }
}

/// <summary>A nested section (<c>lora:</c> mapping in YAML, <c>--lora.lora-r</c> flags).</summary>
public sealed class SampleLoraSection
{
    [Range(1, 1024)]
    public int LoraR { get; set; } = 8;

    public double LoraAlpha { get; set; } = 16;

    public string[] TargetModules { get; set; } = ["q_proj", "v_proj"];
}
