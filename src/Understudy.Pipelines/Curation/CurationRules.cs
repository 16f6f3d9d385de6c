namespace Understudy.Pipelines.Curation;

/// <summary>The names of the curation rules as they appear in reports, in the order rows meet them.</summary>
public static class CurationRules
{
    public const string Malformed = "malformed";
    public const string EmptyAnswer = "empty_answer";
    public const string PromptLength = "prompt_length";
    public const string AnswerLength = "answer_length";
    public const string Refusal = "refusal";
    public const string InvalidJson = "invalid_json";
    public const string Decontamination = "decontamination";
    public const string ExactDuplicate = "exact_duplicate";
    public const string NearDuplicate = "near_duplicate";
}
