namespace Understudy.Pipelines.Curation;

/// <summary>A rule that compares a row with the rows kept before it (dedup): it is told each row that is kept.</summary>
public interface IDuplicateRule : IRowFilter
{
    /// <summary>Records a row that every rule kept, so later rows are compared with it.</summary>
    void Remember(CurationRow kept);
}
