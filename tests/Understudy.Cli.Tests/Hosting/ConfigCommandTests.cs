using Understudy.Cli.Hosting;
using Understudy.Core.Runs;

namespace Understudy.Cli.Tests.Hosting;

public sealed class ConfigCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Explicit_flags_override_the_config_file()
    {
        var path = _cli.WriteConfig("service_model_name: gemini-1.0-pro\neval_repeat: 3\nlora:\n  lora_r: 16\n");

        var exit = await _cli.RunAsync("sample", "--from-config", path, "--eval-repeat", "5");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("gemini-1.0-pro", _cli.Received!.ServiceModelName);
        Assert.Equal(5, _cli.Received.EvalRepeat);
        Assert.Equal(16, _cli.Received.Lora.LoraR);
    }

    [Fact]
    public async Task Flags_alone_configure_the_command_without_a_file()
    {
        var exit = await _cli.RunAsync("sample", "--service-model-name", "m", "--lora.lora-r", "4",
            "--push-eval-to-hf-hub", "--stop", "###", "--stop", "</s>");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(4, _cli.Received!.Lora.LoraR);
        Assert.True(_cli.Received.PushEvalToHfHub);
        Assert.Equal(["###", "</s>"], _cli.Received.Stop);
    }

    [Fact]
    public async Task A_boolean_flag_accepts_an_explicit_false()
    {
        var path = _cli.WriteConfig("service_model_name: m\npush_eval_to_hf_hub: true\n");

        await _cli.RunAsync("sample", "--from-config", path, "--push-eval-to-hf-hub", "false");

        Assert.False(_cli.Received!.PushEvalToHfHub);
    }

    [Fact]
    public async Task An_unknown_flag_is_an_error_that_suggests_the_nearest_flag()
    {
        var exit = await _cli.RunAsync("sample", "--service-model-name", "m", "--eval-repet", "5");

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Null(_cli.Received);
        Assert.Contains("error: unknown flag '--eval-repet' (did you mean '--eval-repeat'?)", _cli.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Run 'understudy sample --help'", _cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_suggests_the_nearest_command()
    {
        var exit = await _cli.RunAsync("smaple");

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("unknown command 'smaple' (did you mean 'sample'?)", _cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_error_prints_every_problem_without_a_stack_trace()
    {
        var path = _cli.WriteConfig("service_model_name: m\neval_repet: 2\n");

        var exit = await _cli.RunAsync("sample", "--from-config", path, "--eval-repeat", "five");

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Null(_cli.Received);
        var error = _cli.Error.ToString();
        Assert.Contains($"{path} line 2: unknown key 'eval_repet' (did you mean 'eval_repeat'?)", error, StringComparison.Ordinal);
        Assert.Contains("eval_repeat: expected an integer, got 'five' (flag --eval-repeat)", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Understudy", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_key_as_a_flag_with_its_description_and_default()
    {
        var exit = await _cli.RunAsync("sample", "--help");

        Assert.Equal(ExitCodes.Success, exit);
        var help = _cli.Output.ToString();
        Assert.Contains("--from-config <path>", help, StringComparison.Ordinal);
        Assert.Contains("--eval-repeat <int>", help, StringComparison.Ordinal);
        Assert.Contains("How many times each answer is judged. [default: 1]", help, StringComparison.Ordinal);
        Assert.Contains("--service-llm-provider <openai|anthropic|gemini>", help, StringComparison.Ordinal);
        Assert.Contains("Service LLM that judges the answers. (required)", help, StringComparison.Ordinal);
        Assert.Contains("--lora.lora-r <int>", help, StringComparison.Ordinal);
        Assert.Contains("--workspace", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_exits_with_130_and_records_a_cancelled_run()
    {
        using var cancellation = new CancellationTokenSource();
        using var cli = new CliHarness(async (_, token) =>
        {
            await cancellation.CancelAsync();
            await Task.Delay(Timeout.Infinite, token);
            return 0;
        });

        var exit = await cli.RunAsync(cancellation.Token, "sample", "--service-model-name", "m");

        Assert.Equal(ExitCodes.Cancelled, exit);
        var summary = Assert.Single(new RunSummaryStore(cli.Workspace).List());
        Assert.Equal(RunStatus.Cancelled, summary.Status);
    }

    [Fact]
    public async Task A_failing_handler_exits_with_1_and_a_one_line_message()
    {
        using var cli = new CliHarness((_, _) => throw new InvalidOperationException("judge returned nothing"));

        var exit = await cli.RunAsync("sample", "--service-model-name", "m");

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("error: judge returned nothing (run with --verbose for details)", cli.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal(RunStatus.Failed, Assert.Single(new RunSummaryStore(cli.Workspace).List()).Status);
    }

    [Fact]
    public async Task A_run_leaves_a_summary_with_metrics_verdict_and_redacted_secrets()
    {
        using var cli = new CliHarness((context, _) =>
        {
            context.Run.SetMetric("avg_similarity", 91.5).SetVerdict("pass").AddOutput("eval/default");
            return Task.FromResult(0);
        });

        await cli.RunAsync("sample", "--service-model-name", "m", "--hf-token", "hf_very_secret");

        var summary = Assert.Single(new RunSummaryStore(cli.Workspace).List());
        Assert.Equal("sample", summary.Command);
        Assert.Equal(cli.Context!.Effective.Hash, summary.ConfigHash);
        Assert.Equal(91.5, summary.Metrics["avg_similarity"]);
        Assert.Equal("pass", summary.Verdict);
        Assert.Equal("***", summary.Config["hf_token"].GetString());
        Assert.DoesNotContain("hf_very_secret", File.ReadAllText(Directory.GetFiles(Path.Combine(cli.Workspace, "runs")).Single()), StringComparison.Ordinal);
        Assert.Contains("avg_similarity", cli.Output.ToString(), StringComparison.Ordinal);
        Assert.Contains("pass", cli.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ignored_keys_in_the_file_are_reported_as_warnings()
    {
        var path = _cli.WriteConfig("service_model_name: m\npush_eval_to_hf_hub_old: true\n");

        var exit = await _cli.RunAsync("sample", "--from-config", path);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains($"warning: {path} line 2: key 'push_eval_to_hf_hub_old' is ignored: results stay in the workspace",
            _cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bare_understudy_prints_the_help_and_exits_with_2()
    {
        var exit = await CliRunner.RunAsync(_cli.Root, [], _cli.Output, _cli.Error);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("sample", _cli.Output.ToString(), StringComparison.Ordinal);
        Assert.Empty(_cli.Error.ToString());
    }

    [Fact]
    public async Task Global_options_work_before_the_command()
    {
        var workspace = Path.Combine(_cli.Workspace, "elsewhere");

        var exit = await CliRunner.RunAsync(_cli.Root, ["--workspace", workspace, "--verbose", "sample", "--service-model-name", "m"], _cli.Output, _cli.Error);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(workspace, _cli.Context!.Workspace);
        Assert.True(_cli.Context.Verbose);
    }

    [Fact]
    public async Task Print_config_writes_loadable_yaml_and_runs_nothing()
    {
        var path = _cli.WriteConfig("service_model_name: gemini-1.0-pro\neval_repeat: 3\n");

        var exit = await _cli.RunAsync("sample", "--from-config", path, "--lora.lora-r", "32", "--print-config");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Null(_cli.Received);
        Assert.False(Directory.Exists(Path.Combine(_cli.Workspace, "runs")));
        var frozen = _cli.WriteConfig(_cli.Output.ToString());
        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("sample", "--from-config", frozen));
        Assert.Equal(3, _cli.Received!.EvalRepeat);
        Assert.Equal(32, _cli.Received.Lora.LoraR);
    }

    [Fact]
    public async Task Verbose_prints_the_effective_configuration_with_sources()
    {
        var path = _cli.WriteConfig("service_model_name: gemini-1.0-pro\n");

        await _cli.RunAsync("sample", "--from-config", path, "--eval-repeat", "5", "--verbose");

        var output = _cli.Output.ToString();
        Assert.Contains("flag --eval-repeat", output, StringComparison.Ordinal);
        Assert.Contains("line 1", output, StringComparison.Ordinal);
        Assert.Contains(_cli.Context!.Effective.Hash, output, StringComparison.Ordinal);
    }
}
