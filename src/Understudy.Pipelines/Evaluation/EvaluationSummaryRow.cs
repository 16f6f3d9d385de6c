using System.Text.Json.Serialization;

namespace Understudy.Pipelines.Evaluation;

/// <summary>
/// The verdict of one evaluated model, stored in <c>&lt;eval_ds_split&gt;_summary</c> and printed as the summary
/// table. Statistics are over responses (each response's score is the mean of its valid judgements); failed
/// judgements are counted, not scored.
/// </summary>
public sealed class EvaluationSummaryRow
{
    [JsonPropertyName("model_id")]
    public string ModelId { get; set; } = "";

    [JsonPropertyName("model_sha")]
    public string ModelSha { get; set; } = "";

    [JsonPropertyName("judge_model")]
    public string JudgeModel { get; set; } = "";

    [JsonPropertyName("eval_repeat")]
    public int EvalRepeat { get; set; }

    /// <summary>Responses evaluated.</summary>
    [JsonPropertyName("responses")]
    public int Responses { get; set; }

    /// <summary>Responses with at least one valid judgement.</summary>
    [JsonPropertyName("scored_responses")]
    public int ScoredResponses { get; set; }

    [JsonPropertyName("judgements")]
    public int Judgements { get; set; }

    [JsonPropertyName("failed_judgements")]
    public int FailedJudgements { get; set; }

    [JsonPropertyName("similarity_mean")]
    public double SimilarityMean { get; set; }

    [JsonPropertyName("similarity_median")]
    public double SimilarityMedian { get; set; }

    [JsonPropertyName("similarity_std")]
    public double SimilarityStd { get; set; }

    [JsonPropertyName("similarity_coverage_50")]
    public double SimilarityCoverage50 { get; set; }

    [JsonPropertyName("similarity_coverage_70")]
    public double SimilarityCoverage70 { get; set; }

    [JsonPropertyName("precision_mean")]
    public double PrecisionMean { get; set; }

    [JsonPropertyName("precision_median")]
    public double PrecisionMedian { get; set; }

    [JsonPropertyName("precision_std")]
    public double PrecisionStd { get; set; }

    [JsonPropertyName("precision_coverage_50")]
    public double PrecisionCoverage50 { get; set; }

    [JsonPropertyName("precision_coverage_70")]
    public double PrecisionCoverage70 { get; set; }

    [JsonPropertyName("avg_similarity_threshold")]
    public double AvgSimilarityThreshold { get; set; }

    [JsonPropertyName("avg_precision_threshold")]
    public double AvgPrecisionThreshold { get; set; }

    /// <summary>"pass" when both means reach their thresholds, else "fail".</summary>
    [JsonPropertyName("verdict")]
    public string Verdict { get; set; } = "";

    /// <summary>UTC time of the run (ISO 8601).</summary>
    [JsonPropertyName("date")]
    public string Date { get; set; } = "";
}
