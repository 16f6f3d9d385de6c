using Understudy.Cli.Commands;
using Understudy.Cli.Hosting;
using Understudy.Cli.Tests.Hosting;

namespace Understudy.Cli.Tests.Commands;

public sealed class RunsCommandTests : IDisposable
{
    private readonly CliHarness _cli = new((context, _) =>
    {
        context.Run.SetMetric("avg_similarity", 92.5).SetVerdict("pass");
        return Task.FromResult(0);
    });

    public RunsCommandTests() => _cli.Root.Subcommands.Add(RunsCommand.Create());

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Runs_lists_the_summaries_that_commands_left()
    {
        await _cli.RunAsync("sample", "--service-model-name", "m");
        _cli.Output.GetStringBuilder().Clear();

        var exit = await _cli.RunAsync("runs");

        Assert.Equal(ExitCodes.Success, exit);
        var output = _cli.Output.ToString();
        Assert.Contains("sample-", output, StringComparison.Ordinal);
        Assert.Contains("avg_similarity=92.5", output, StringComparison.Ordinal);
        Assert.Contains(_cli.Context!.Effective.Hash, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_show_prints_one_run_and_rejects_an_unknown_id()
    {
        await _cli.RunAsync("sample", "--service-model-name", "m");
        var id = Path.GetFileNameWithoutExtension(Directory.GetFiles(Path.Combine(_cli.Workspace, "runs")).Single());

        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("runs", "show", id));
        Assert.Contains("service_model_name", _cli.Output.ToString(), StringComparison.Ordinal);

        Assert.Equal(ExitCodes.UsageError, await _cli.RunAsync("runs", "show", "nope"));
        Assert.Contains("no run summary", _cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_names_a_corrupt_summary_without_a_stack_trace()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_cli.Workspace, "runs")).FullName;
        File.WriteAllText(Path.Combine(folder, "broken.json"), "{");

        Assert.Equal(ExitCodes.Failure, await _cli.RunAsync("runs"));
        Assert.Contains($"error: {Path.Combine(folder, "broken.json")}: not a valid run summary", _cli.Error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at Understudy", _cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_of_an_empty_workspace_says_so()
    {
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("runs"));
        Assert.Contains("No runs in", _cli.Output.ToString(), StringComparison.Ordinal);
    }
}
