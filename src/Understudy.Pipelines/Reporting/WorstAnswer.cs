namespace Understudy.Pipelines.Reporting;

/// <summary>A low-scored student answer with the judge's reasoning, as shown in the report's table.</summary>
public sealed record WorstAnswer(
    string PromptId,
    string Prompt,
    string Reference,
    string Candidate,
    double Similarity,
    double Precision,
    string JudgeReason);
