using Understudy.Cli.Commands;
using Understudy.Cli.Hosting;
using Understudy.Cli.Tests.Hosting;

namespace Understudy.Cli.Tests.Commands;

public sealed class DuoCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public DuoCommandTests() => _cli.Root.Subcommands.Add(DuoCommand.Create());

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Duo_names_an_unknown_key_of_its_config_and_exits_with_a_usage_error()
    {
        string config = _cli.WriteConfig("name: x\ncoverage_ds_id: cov\nmax_iteration: 2\nteacher:\n  model: t\njudge:\n  model: j\nstudent:\n  base_model: m\n");

        Assert.Equal(ExitCodes.UsageError, await _cli.RunAsync("duo", "--from-config", config));

        Assert.Contains("unknown key 'max_iteration' (did you mean 'max_iterations'?)", _cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duo_role_keys_are_flags_with_dots_and_override_the_file()
    {
        string config = _cli.WriteConfig("name: x\ncoverage_ds_id: cov\nteacher:\n  model: t\njudge:\n  model: j\nstudent:\n  base_model: m\n");

        Assert.Equal(ExitCodes.Success, await _cli.RunAsync("duo", "--from-config", config, "--teacher.base-url", "http://127.0.0.1:9/v1", "--print-config"));

        Assert.Contains("base_url: \"http://127.0.0.1:9/v1\"", _cli.Output.ToString(), StringComparison.Ordinal);
    }
}
