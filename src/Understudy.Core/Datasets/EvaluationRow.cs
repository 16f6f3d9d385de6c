namespace Understudy.Core.Datasets;

/// <summary>
/// Judge verdicts for one <see cref="InferenceRow"/>: LlamaDuo's columns (<c>eval_prompts</c>,
/// <c>similarity_scores</c>, <c>precision_scores</c>, <c>evaluators</c>, <c>dates</c>, one entry per judge repeat)
/// plus the judge's reasons, raw text and parse status, so nothing the judge said is lost.
/// A failed judgement keeps its slot: score null, status "failed: reason".
/// </summary>
public sealed class EvaluationRow
{
    public string PromptId { get; set; } = "";

    public int RepeatIndex { get; set; }

    public string Instructions { get; set; } = "";

    public string TargetResponses { get; set; } = "";

    public string CandidateResponses { get; set; } = "";

    public string ModelId { get; set; } = "";

    public string ModelSha { get; set; } = "";

    public string Category { get; set; } = "";

    public List<string> EvalPrompts { get; set; } = [];

    public List<int?> SimilarityScores { get; set; } = [];

    public List<int?> PrecisionScores { get; set; } = [];

    public List<string> Evaluators { get; set; } = [];

    public List<string> Dates { get; set; } = [];

    public List<string> JudgeReasons { get; set; } = [];

    public List<string> JudgeRawTexts { get; set; } = [];

    /// <summary>"ok", or "failed: reason" after the retry budget was spent.</summary>
    public List<string> ParseStatuses { get; set; } = [];

    public List<long> LatenciesMs { get; set; } = [];

    public List<long> InputTokens { get; set; } = [];

    public List<long> OutputTokens { get; set; } = [];
}
