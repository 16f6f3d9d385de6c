namespace Understudy.Pipelines.Curation;

/// <summary>What curation removed and kept: one entry per rule (in rule order), with example rows.</summary>
public sealed record CurationReport
{
    /// <summary>The dataset and split curated.</summary>
    public required string Input { get; init; }

    /// <summary>The dataset and split written.</summary>
    public required string Output { get; init; }

    /// <summary>Rows read from the input.</summary>
    public int InputRows { get; init; }

    /// <summary>Rows written to the output.</summary>
    public int Kept { get; init; }

    /// <summary>Every rule that was switched on, in the order rows meet them, with what it removed.</summary>
    public IReadOnlyList<CurationRuleReport> Rules { get; init; } = [];

    /// <summary>Rows removed by all rules together.</summary>
    public int Removed => Rules.Sum(r => r.Removed);

    /// <summary>Rows removed by one rule (0 when the rule did not run).</summary>
    public int RemovedBy(string rule) => Rules.FirstOrDefault(r => r.Rule == rule)?.Removed ?? 0;
}
