using System.Text.RegularExpressions;
using Understudy.Cli.Hosting;

namespace Understudy.Cli.Tests.Commands;

/// <summary>
/// <c>understudy duo</c> end to end, from its YAML config and step files, against the ticket-triage service simulator
/// as teacher and judge and a tiny random student that our fine-tuning trains and the engine runs; then
/// <c>runs list</c>, <c>runs show</c> and <c>report</c> on the run it recorded (see <see cref="DuoEndToEndFixture"/>);
/// a second invocation that reuses every step; and a run that max_wall_time stops, resumed by a rerun with more time.
/// </summary>
public sealed partial class DuoEndToEndTests(DuoEndToEndFixture duo) : IClassFixture<DuoEndToEndFixture>
{
    private static readonly string[] StepIds =
    [
        "teacher/batch-infer", "teacher/evaluate",
        "iter-1/finetune", "iter-1/batch-infer", "iter-1/evaluate", "iter-1/synth", "iter-1/curate", "iter-1/merge",
        "iter-2/finetune", "iter-2/batch-infer", "iter-2/evaluate",
    ];

    [Fact]
    public void Duo_runs_two_iterations_and_stops_on_max_iterations_printing_each_iterations_scores()
    {
        CliResult run = duo.FirstRun;
        TestContext.Current.TestOutputHelper?.WriteLine(run.ToString());

        Assert.True(run.Code == ExitCodes.Success, run.ToString());
        Assert.Contains($"duo {duo.FirstRunId}: stopped (max_iterations)", run.Output, StringComparison.Ordinal);
        Assert.Contains("stopped (max_iterations): max_iterations (2) reached without a pass", run.Output, StringComparison.Ordinal);
        Assert.Matches(IterationVerdict(1), run.Output);
        Assert.Matches(IterationVerdict(2), run.Output);
        // The simulator's own answers are the computed truth, so its judge gives them full marks.
        Assert.Contains("teacher (its own answers, judged the same way): similarity 100.0, precision 100.0", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("warning:", run.Output, StringComparison.Ordinal);
        Assert.Contains("final student: ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_list_and_runs_show_name_the_run_its_outcome_and_every_step()
    {
        CliResult list = await duo.RunAsync("runs", "list");
        CliResult show = await duo.RunAsync("runs", "show", duo.FirstRunId);

        Assert.True(list.Code == ExitCodes.Success, list.ToString());
        Assert.Matches($@"{Regex.Escape(duo.FirstRunId)}\s*│\s*ticket-triage-e2e\s*│\s*succeeded\s*│\s*max_iterations", list.Output);
        Assert.True(show.Code == ExitCodes.Success, show.ToString());
        Assert.All(StepIds, step => Assert.Matches($@"│\s*{Regex.Escape(step)}\s*│\s*succeeded", show.Output));
        Assert.Contains($"lineage of {duo.FirstRunId}", show.Output, StringComparison.Ordinal);
        Assert.Contains("→ model: ", show.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_writes_the_runs_html_file()
    {
        string output = Path.Combine(duo.Workspace, "report.html");

        CliResult report = await duo.RunAsync("report", duo.FirstRunId, "--output", output);

        Assert.True(report.Code == ExitCodes.Success, report.ToString());
        string html = File.ReadAllText(output);
        Assert.StartsWith("<!DOCTYPE html>", html.TrimStart(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(duo.FirstRunId, html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_second_invocation_of_the_same_command_reuses_every_finished_step()
    {
        CliResult again = await duo.RunDuoAsync();

        Assert.True(again.Code == ExitCodes.Success, again.ToString());
        Assert.All(StepIds, step => Assert.Contains($"{step}: inputs and config unchanged, reusing the outputs of run {duo.FirstRunId}",
            again.Output, StringComparison.Ordinal));
        Assert.Contains("stopped (max_iterations)", again.Output, StringComparison.Ordinal);
        string secondRunId = Assert.Single(RunIds().Matches(again.Output).Select(m => m.Groups[1].Value).Distinct());
        Assert.NotEqual(duo.FirstRunId, secondRunId);
        CliResult show = await duo.RunAsync("runs", "show", secondRunId);
        Assert.All(StepIds, step => Assert.Matches($@"│\s*{Regex.Escape(step)}\s*│\s*cached \(from {Regex.Escape(duo.FirstRunId)}\)", show.Output));
    }

    [Fact]
    public async Task A_run_stopped_by_max_wall_time_exits_0_and_a_rerun_with_a_larger_budget_resumes_it()
    {
        // Another name, so this run's datasets are its own; its fine-tunes may still be reused from the cache.
        CliResult stopped = await duo.RunAsync("duo", "--from-config", duo.ConfigPath, "--name", "wall", "--max-wall-time", "1ms");

        Assert.True(stopped.Code == ExitCodes.Success, stopped.ToString());
        Assert.Contains("stopped (max_wall_time): max_wall_time (00:00:00.0010000) reached", stopped.Output, StringComparison.Ordinal);
        string runId = Assert.Single(RunIds().Matches(stopped.Output).Select(m => m.Groups[1].Value).Distinct());

        CliResult resumed = await duo.RunAsync("duo", "--from-config", duo.ConfigPath, "--name", "wall", "--max-wall-time", "10m");

        Assert.True(resumed.Code == ExitCodes.Success, resumed.ToString());
        Assert.Contains($"resuming run {runId}", resumed.Output, StringComparison.Ordinal);
        Assert.Contains($"duo {runId}: stopped (max_iterations)", resumed.Output, StringComparison.Ordinal);
        CliResult list = await duo.RunAsync("runs", "list", "--name", "wall");
        Assert.Single(Regex.Matches(list.Output, @"duo-wall-\d"));
        Assert.Matches($@"{Regex.Escape(runId)}\s*│\s*wall\s*│\s*succeeded\s*│\s*max_iterations", list.Output);
    }

    private static string IterationVerdict(int iteration) =>
        $@"iteration {iteration}: student similarity \d+(\.\d)?, precision \d+(\.\d)? → fail";

    [GeneratedRegex(@"understudy runs show (duo-[A-Za-z0-9_-]+);")]
    private static partial Regex RunIds();
}
