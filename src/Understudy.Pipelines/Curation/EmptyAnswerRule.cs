namespace Understudy.Pipelines.Curation;

/// <summary>Removes rows whose answer is empty or only whitespace.</summary>
public sealed class EmptyAnswerRule : IRowFilter
{
    public string Rule => CurationRules.EmptyAnswer;

    public string Description => "answer is empty or whitespace (drop_empty_answers)";

    public RowRejection? Check(CurationRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return string.IsNullOrWhiteSpace(row.Answer) ? new RowRejection("answer is empty") : null;
    }
}
