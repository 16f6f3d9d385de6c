namespace Understudy.Pipelines.Evaluation;

/// <summary>One valid judge answer: similarity to the reference and precision w.r.t. the instruction, 0–100, with reasons.</summary>
public sealed record JudgeVerdict(int SimilarityScore, string SimilarityReason, int PrecisionScore, string PrecisionReason)
{
    /// <summary>Both reasons in one text, as stored in <c>judge_reasons</c>.</summary>
    public string CombinedReason => $"similarity: {SimilarityReason} | precision: {PrecisionReason}";
}
