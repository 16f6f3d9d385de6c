using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Understudy.Core.Configuration;

namespace Understudy.Cli.Tests.Hosting;

/// <summary>A config class like the pipelines' (BatchInferenceConfig, EvaluationConfig...).</summary>
[IgnoredKey("push_eval_to_hf_hub_old", "results stay in the workspace")]
public sealed class SampleCommandConfig
{
    [Required]
    [Description("Service LLM that judges the answers.")]
    public string ServiceModelName { get; set; } = "";

    [OneOf("openai", "anthropic", "gemini")]
    [Description("Which provider serves the model.")]
    public string ServiceLlmProvider { get; set; } = "openai";

    [Range(1, 100)]
    [Description("How many times each answer is judged.")]
    public int EvalRepeat { get; set; } = 1;

    [Description("Push the evaluation dataset to the hub.")]
    public bool PushEvalToHfHub { get; set; }

    [Description("Stop sequences.")]
    public List<string> Stop { get; set; } = [];

    [Description("Hugging Face token.")]
    public string? HfToken { get; set; }

    public SampleSection Lora { get; set; } = new();
}

public sealed class SampleSection
{
    [Range(1, 1024)]
    [Description("LoRA rank.")]
    public int LoraR { get; set; } = 8;
}
