using System.CommandLine;
using Understudy.Cli.Hosting;

namespace Understudy.Cli.Tests.Hosting;

/// <summary>Runs an in-process root command with a <c>sample</c> config command whose handler is a delegate.</summary>
public sealed class CliHarness : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("understudy-cli-").FullName;

    public CliHarness(Func<Understudy.Cli.Hosting.ConfigCommandContext<SampleCommandConfig>, CancellationToken, Task<int>>? handler = null)
    {
        Root = UnderstudyRootCommand.Create();
        Root.Subcommands.Add(ConfigCommand.Create<SampleCommandConfig>("sample", "A sample config-driven command.", async (context, token) =>
        {
            Received = context.Config;
            Context = context;
            return handler is null ? 0 : await handler(context, token);
        }));
        Workspace = Path.Combine(_folder, "workspace");
    }

    public RootCommand Root { get; }

    public string Workspace { get; }

    public SampleCommandConfig? Received { get; private set; }

    public ConfigCommandContext<SampleCommandConfig>? Context { get; private set; }

    public StringWriter Output { get; } = new();

    public StringWriter Error { get; } = new();

    public string WriteConfig(string yaml)
    {
        var path = Path.Combine(_folder, "sample.yaml");
        File.WriteAllText(path, yaml.ReplaceLineEndings("\n"));
        return path;
    }

    public Task<int> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    public Task<int> RunAsync(CancellationToken cancellationToken, params string[] args) =>
        CliRunner.RunAsync(Root, [.. args, "--workspace", Workspace], Output, Error, cancellationToken);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
