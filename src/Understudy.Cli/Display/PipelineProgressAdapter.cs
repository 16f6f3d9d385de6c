using Understudy.Core.Runs;
using Understudy.Pipelines.Common;

namespace Understudy.Cli.Display;

/// <summary>
/// Lets a pipeline that reports <see cref="PipelineProgress"/> drive a <see cref="ProgressDisplay"/>:
/// <c>await context.Progress.RunAsync("evaluate", p => pipeline.RunAsync(..., p.ForPipeline(), ct))</c>.
/// </summary>
public static class PipelineProgressAdapter
{
    /// <summary>
    /// Wraps <paramref name="progress"/>; <paramref name="costUsd"/> (input tokens, output tokens → dollars) fills the
    /// cost column when the caller knows the model's prices.
    /// </summary>
    public static IProgress<PipelineProgress> ForPipeline(this IProgress<StepProgress> progress, Func<long, long, decimal>? costUsd = null)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return new Adapter(progress, costUsd);
    }

    private sealed class Adapter(IProgress<StepProgress> inner, Func<long, long, decimal>? costUsd) : IProgress<PipelineProgress>
    {
        public void Report(PipelineProgress value) => inner.Report(new StepProgress(
            value.Done, value.Total, value.InputTokens + value.OutputTokens,
            costUsd?.Invoke(value.InputTokens, value.OutputTokens) ?? 0, value.Failed));
    }
}
