namespace Understudy.Pipelines.Curation;

/// <summary>
/// A removed row as the report shows it: its text, why it went, and, for dedup and decontamination, the row it
/// matched (the kept duplicate or the test row) with the similarity that decided.
/// </summary>
/// <param name="RowIndex">0-based position of the row in the input split.</param>
/// <param name="Reason">A readable reason, e.g. "ROUGE-L F 0.86 ≥ 0.70 with row 3".</param>
/// <param name="Score">The deciding similarity (ROUGE-L, Jaccard, overlap) or length; null for yes/no rules.</param>
public sealed record CurationExample(
    int RowIndex,
    string PromptId,
    string Prompt,
    string Answer,
    string Reason,
    double? Score = null,
    string? MatchedPromptId = null,
    string? MatchedPrompt = null,
    string? MatchedAnswer = null);
