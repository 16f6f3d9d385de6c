using Understudy.Core.Runs;

namespace Understudy.Cli.Display;

/// <summary>
/// An extra column of a progress display, rendered from the latest snapshot by a callback; return null
/// to leave it blank. The defaults show tokens and cost once any are reported.
/// </summary>
/// <param name="Name">Column name (for logs and tests).</param>
/// <param name="Render">Text for a snapshot.</param>
public sealed record ProgressMetric(string Name, Func<StepProgress, string?> Render)
{
    /// <summary>Tokens used so far, shown once non-zero.</summary>
    public static ProgressMetric Tokens { get; } = new("tokens", p => p.Tokens > 0 ? ProgressText.Tokens(p.Tokens) : null);

    /// <summary>Cost so far, shown once non-zero.</summary>
    public static ProgressMetric Cost { get; } = new("cost", p => p.CostUsd > 0 ? ProgressText.Cost(p.CostUsd) : null);

    /// <summary>The columns shown when a caller names none.</summary>
    public static IReadOnlyList<ProgressMetric> Defaults { get; } = [Tokens, Cost];
}
