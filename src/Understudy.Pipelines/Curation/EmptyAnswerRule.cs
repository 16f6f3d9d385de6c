namespace Understudy.Pipelines.Curation;

/// <summary>Removes rows whose answer is empty or only whitespace (the pipeline also counts rows with no answer turn here).</summary>
public sealed class EmptyAnswerRule : IRowFilter
{
    public string Rule => CurationRules.EmptyAnswer;

    public string Description => "answer missing, empty or whitespace (drop_empty_answers)";

    public RowRejection? Check(CurationRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return string.IsNullOrWhiteSpace(row.Answer) ? new RowRejection("answer is empty") : null;
    }
}
