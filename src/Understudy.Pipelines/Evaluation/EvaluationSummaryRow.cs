namespace Understudy.Pipelines.Evaluation;

/// <summary>
/// The verdict of one evaluated model, stored in <c>&lt;eval_ds_split&gt;_summary</c> and printed as the summary
/// table. Statistics are over responses (each response's score is the mean of its valid judgements); failed
/// judgements are counted, not scored.
/// </summary>
public sealed class EvaluationSummaryRow
{
    public string ModelId { get; set; } = "";

    public string ModelSha { get; set; } = "";

    public string JudgeModel { get; set; } = "";

    public int EvalRepeat { get; set; }

    /// <summary>Responses evaluated.</summary>
    public int Responses { get; set; }

    /// <summary>Responses with at least one valid judgement.</summary>
    public int ScoredResponses { get; set; }

    public int Judgements { get; set; }

    public int FailedJudgements { get; set; }

    public double SimilarityMean { get; set; }

    public double SimilarityMedian { get; set; }

    public double SimilarityStd { get; set; }

    public double SimilarityCoverage50 { get; set; }

    public double SimilarityCoverage70 { get; set; }

    public double PrecisionMean { get; set; }

    public double PrecisionMedian { get; set; }

    public double PrecisionStd { get; set; }

    public double PrecisionCoverage50 { get; set; }

    public double PrecisionCoverage70 { get; set; }

    public double AvgSimilarityThreshold { get; set; }

    public double AvgPrecisionThreshold { get; set; }

    /// <summary>"pass" when both means reach their thresholds, else "fail".</summary>
    public string Verdict { get; set; } = "";

    /// <summary>UTC time of the run (ISO 8601).</summary>
    public string Date { get; set; } = "";

    public bool Passed => Verdict == "pass";
}
