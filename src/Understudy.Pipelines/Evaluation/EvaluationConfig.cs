using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Understudy.Pipelines.Common;

namespace Understudy.Pipelines.Evaluation;

/// <summary>
/// Config of <c>understudy evaluate</c> (LlamaDuo's <c>evaluation.yaml</c> keys plus Understudy's own). The service
/// LLM keys (<c>service_model_name</c>, <c>rate_limit_per_minute</c>...) come from <see cref="ServiceLlmConfig"/>.
/// </summary>
public sealed class EvaluationConfig : ServiceLlmConfig
{
    [Required]
    [Description("Dataset of the model's responses written by batch-infer.")]
    public string LmResponseDsId { get; set; } = "";

    [Description("Split of lm_response_ds_id to evaluate.")]
    public string LmResponseDsSplit { get; set; } = "batch_infer";

    [Range(1, 65536)]
    [Description("Evaluated rows written to the output per batch (a crash loses at most one batch of judgements).")]
    public int EvalDataPreprocessBs { get; set; } = 16;

    [Range(1, 100)]
    [Description("Judge calls per response (k); scores are aggregated over them.")]
    public int EvalRepeat { get; set; } = 1;

    [Range(1, 1024)]
    [Description("Judge calls in flight at once.")]
    public int EvalWorkers { get; set; } = 4;

    [Range(0.0, 100.0)]
    [Description("The model passes when the mean similarity score reaches this (and precision reaches its threshold).")]
    public double AvgSimilarityThreshold { get; set; } = 90.0;

    [Range(0.0, 100.0)]
    [Description("The model passes when the mean precision score reaches this (and similarity reaches its threshold).")]
    public double AvgPrecisionThreshold { get; set; } = 90.0;

    [Required]
    [Description("Output dataset of the judgements (LlamaDuo's columns plus reasons, raw text and parse status).")]
    public string EvalDsId { get; set; } = "";

    [Description("Output split; the run summary with the verdict goes to <split>_summary.")]
    public string EvalDsSplit { get; set; } = "eval";

    [Description("true: keep earlier judgements in the split and add to them; false: a different earlier run's output is replaced (a rerun of the same run always resumes).")]
    public bool EvalDsAppend { get; set; } = true;

    [Range(0, 10)]
    [Description("Times a malformed judge answer (not JSON, score out of 0-100, reason missing) is re-asked before the judgement is recorded as failed.")]
    public int JudgeMaxReasks { get; set; } = 2;

    [Description("Ask the judge for JSON-schema structured output (turn off for providers that reject response_format).")]
    public bool StructuredOutput { get; set; } = true;

    [Description("On a rerun, ask the judge again for judgements recorded as failed.")]
    public bool RetryFailed { get; set; } = true;

    [Range(0.0, 2.0)]
    [Description("Judge sampling temperature.")]
    public double JudgeTemperature { get; set; } = 0.2;
}
