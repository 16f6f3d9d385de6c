using System.Text.Json.Serialization;

namespace Understudy.Core.Datasets;

/// <summary>
/// Judge verdicts for one <see cref="InferenceRow"/>: LlamaDuo's columns (<c>eval_prompts</c>,
/// <c>similarity_scores</c>, <c>precision_scores</c>, <c>evaluators</c>, <c>dates</c>, one entry per judge repeat)
/// plus the judge's reasons, raw text and parse status, so nothing the judge said is lost.
/// A failed judgement keeps its slot: score null, status "failed: reason".
/// </summary>
public sealed class EvaluationRow
{
    [JsonPropertyName("prompt_id")]
    public string PromptId { get; set; } = "";

    [JsonPropertyName("repeat_index")]
    public int RepeatIndex { get; set; }

    [JsonPropertyName("instructions")]
    public string Instructions { get; set; } = "";

    [JsonPropertyName("target_responses")]
    public string TargetResponses { get; set; } = "";

    [JsonPropertyName("candidate_responses")]
    public string CandidateResponses { get; set; } = "";

    [JsonPropertyName("model_id")]
    public string ModelId { get; set; } = "";

    [JsonPropertyName("model_sha")]
    public string ModelSha { get; set; } = "";

    [JsonPropertyName("category")]
    public string Category { get; set; } = "";

    [JsonPropertyName("eval_prompts")]
    public List<string> EvalPrompts { get; set; } = [];

    [JsonPropertyName("similarity_scores")]
    public List<int?> SimilarityScores { get; set; } = [];

    [JsonPropertyName("precision_scores")]
    public List<int?> PrecisionScores { get; set; } = [];

    [JsonPropertyName("evaluators")]
    public List<string> Evaluators { get; set; } = [];

    [JsonPropertyName("dates")]
    public List<string> Dates { get; set; } = [];

    [JsonPropertyName("judge_reasons")]
    public List<string> JudgeReasons { get; set; } = [];

    [JsonPropertyName("judge_raw_texts")]
    public List<string> JudgeRawTexts { get; set; } = [];

    /// <summary>"ok", or "failed: reason" after the retry budget was spent.</summary>
    [JsonPropertyName("parse_statuses")]
    public List<string> ParseStatuses { get; set; } = [];

    [JsonPropertyName("latencies_ms")]
    public List<long> LatenciesMs { get; set; } = [];

    [JsonPropertyName("input_tokens")]
    public List<long> InputTokens { get; set; } = [];

    [JsonPropertyName("output_tokens")]
    public List<long> OutputTokens { get; set; } = [];
}
