using Understudy.Cli.Commands.Traces;
using Understudy.Cli.Hosting;
using Understudy.Cli.Tests.Hosting;
using Understudy.Core.Observability;
using Understudy.Core.Observability.Traces;

namespace Understudy.Cli.Tests.Commands.Traces;

public sealed class TracesCommandTests : IDisposable
{
    private readonly CliHarness _cli = new((_, _) =>
    {
        using (var step = UnderstudyTelemetry.StartStep("evaluate"))
        {
            step.RecordJudgeScores(81, 74, "fail");
        }

        return Task.FromResult(0);
    });

    public TracesCommandTests() => _cli.Root.Subcommands.Add(TracesCommand.Create());

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Every_command_run_leaves_a_trace_of_its_run_and_steps_in_the_workspace_store()
    {
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("sample", "--service-model-name", "m"));
        var runId = RunId();

        var spans = SqliteTraceStore.ForWorkspace(_cli.Workspace).Search(new TraceQuery { RunId = runId });

        var run = Assert.Single(spans, s => s.Name == UnderstudyAttributes.RunSpanPrefix + "sample");
        var step = Assert.Single(spans, s => s.Name == UnderstudyAttributes.StepSpanPrefix + "evaluate");
        Assert.Equal(run.SpanId, step.ParentSpanId);
        Assert.Equal(TraceStatuses.Ok, run.Status);
        Assert.Equal("81", step.Attributes[UnderstudyAttributes.JudgeSimilarity]);
    }

    [Fact]
    public async Task Traces_lists_searches_and_shows_the_stored_spans()
    {
        await _cli.RunAsync("sample", "--service-model-name", "m");
        var runId = RunId();
        var traceId = SqliteTraceStore.ForWorkspace(_cli.Workspace).ListTraces(runId: runId).Single().TraceId;

        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("traces", "--run", runId));
        Assert.Contains(traceId, _cli.Output.ToString(), StringComparison.Ordinal);
        Assert.Contains("understudy.run sample", _cli.Output.ToString(), StringComparison.Ordinal);

        _cli.Output.GetStringBuilder().Clear();
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("traces", "search", "--run", runId, "--step", "evaluate"));
        Assert.Contains("understudy.step evaluate", _cli.Output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("understudy.run sample", _cli.Output.ToString(), StringComparison.Ordinal);

        _cli.Output.GetStringBuilder().Clear();
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("traces", "show", traceId[..10]));
        Assert.Contains("  understudy.step evaluate", _cli.Output.ToString(), StringComparison.Ordinal);
        Assert.Contains("similarity=81", _cli.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Traces_of_a_workspace_without_a_store_says_how_to_get_one()
    {
        Assert.Equal(ExitCodes.Failure, await _cli.RunAsync("traces"));
        Assert.Contains("run a command first", _cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_latency_that_is_not_a_duration_is_a_usage_error()
    {
        await _cli.RunAsync("sample", "--service-model-name", "m");

        Assert.Equal(ExitCodes.UsageError, await _cli.RunAsync("traces", "search", "--min-latency", "fast"));
        Assert.Contains("--min-latency 'fast' is not a duration", _cli.Error.ToString(), StringComparison.Ordinal);
    }

    private string RunId() => Path.GetFileNameWithoutExtension(Directory.GetFiles(Path.Combine(_cli.Workspace, "runs")).Single());
}
