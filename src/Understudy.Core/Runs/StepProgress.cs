namespace Understudy.Core.Runs;

/// <summary>
/// A snapshot of a long step's progress, reported through <see cref="IProgress{T}"/> by pipelines and
/// shown by the CLI (progress bar with rate, ETA, tokens and cost). Each report replaces the previous one.
/// </summary>
/// <param name="Completed">Rows (or items) done so far, including rows that failed and were recorded as failures.</param>
/// <param name="Total">Rows to do in this run, or null when unknown.</param>
/// <param name="Tokens">Tokens used so far (input + output).</param>
/// <param name="CostUsd">Estimated cost so far, in US dollars.</param>
/// <param name="Failed">Rows recorded as failures so far.</param>
public readonly record struct StepProgress(long Completed, long? Total = null, long Tokens = 0, decimal CostUsd = 0, long Failed = 0);
