using Understudy.Llm.Accounting;
using Understudy.Pipelines.Costs;

namespace Understudy.Pipelines.Reporting;

/// <summary>
/// Everything the HTML report of one run shows (<c>HtmlReportWriter</c>). A plain data object: the duo loop
/// (or any caller) fills it from its run store; the writer only renders it. Lists may be empty, optional parts null:
/// the report leaves out what a run did not measure and says so.
/// </summary>
public sealed record RunReportData
{
    /// <summary>The run's id, shown in the title.</summary>
    public required string RunId { get; init; }

    /// <summary>A heading under the title, e.g. "ticket triage: gpt-4o → SmolLM2-135M".</summary>
    public string Title { get; init; } = "";

    /// <summary>When the run started (UTC).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the run ended (UTC); null while it runs.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>How the run ended, e.g. "passed at iteration 2" or "stopped: max_cost_usd 5 reached".</summary>
    public string Outcome { get; init; } = "";

    /// <summary>The pass thresholds the judge scores are compared with (LlamaDuo's mean similarity/precision).</summary>
    public ReportThresholds Thresholds { get; init; } = new(0, 0);

    /// <summary>The config keys worth showing (key, value), in display order; secrets already redacted.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ConfigSummary { get; init; } = [];

    /// <summary>One entry per loop iteration, in order.</summary>
    public IReadOnlyList<IterationReport> Iterations { get; init; } = [];

    /// <summary>Tokens and cost per (role, model) over the whole run: teacher, judge, student...</summary>
    public IReadOnlyList<UsageEntry> Usage { get; init; } = [];

    /// <summary>The service-vs-local cost comparison; null to leave the section out.</summary>
    public CostComparison? Cost { get; init; }
}
