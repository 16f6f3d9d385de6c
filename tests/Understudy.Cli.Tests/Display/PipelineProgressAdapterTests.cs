using Understudy.Cli.Display;
using Understudy.Core.Runs;
using Understudy.Pipelines.Common;

namespace Understudy.Cli.Tests.Display;

public sealed class PipelineProgressAdapterTests
{
    private sealed class Recorder : IProgress<StepProgress>
    {
        public StepProgress Last { get; private set; }

        public void Report(StepProgress value) => Last = value;
    }

    [Fact]
    public void ForPipeline_maps_rows_failures_tokens_and_prices_the_cost()
    {
        var recorder = new Recorder();
        var progress = recorder.ForPipeline((input, output) => (input * 0.5m + output * 2m) / 1_000_000m);

        progress.Report(new PipelineProgress("evaluate", Done: 40, Total: 100, Failed: 2, InputTokens: 10_000, OutputTokens: 1_000));

        Assert.Equal(new StepProgress(40, 100, 11_000, 0.007m, 2), recorder.Last);
    }
}
