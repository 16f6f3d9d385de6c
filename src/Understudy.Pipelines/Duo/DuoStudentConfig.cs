using System.ComponentModel;
using Understudy.Core.Configuration;

namespace Understudy.Pipelines.Duo;

/// <summary>The student role of <c>duo.yaml</c>: the small model our fine-tuning trains and the built-in engine runs.</summary>
public sealed class DuoStudentConfig
{
    [Description("The model iteration 1 starts from: a local model folder (config.json, safetensors, tokenizer) or a Hub id.")]
    public string BaseModel { get; set; } = "";

    [Description("true: iteration N+1 continues training iteration N's student on the grown train set; false: each iteration starts again from base_model.")]
    public bool ContinueTraining { get; set; } = true;

    [OneOf("float32", "bfloat16", "float16")]
    [Description("Weights dtype of the student at batch-infer.")]
    public string TorchDtype { get; set; } = "float32";
}
