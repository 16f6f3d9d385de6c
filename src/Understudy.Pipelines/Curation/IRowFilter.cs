namespace Understudy.Pipelines.Curation;

/// <summary>A rule that judges one row on its own (no other row involved).</summary>
public interface IRowFilter
{
    /// <summary>The rule's name in reports (see <see cref="CurationRules"/>).</summary>
    string Rule { get; }

    /// <summary>What the rule removes, in words, for the report.</summary>
    string Description { get; }

    /// <summary>Why the row must go, or null to keep it.</summary>
    RowRejection? Check(CurationRow row);
}
