using System.CommandLine;
using Spectre.Console;
using Understudy.Cli.Display;
using Understudy.Cli.Hosting;
using Understudy.Core.Datasets;
using Understudy.Core.Datasets.Import;
using Understudy.Core.Datasets.Storage;
using Understudy.Core.Hub;
using Understudy.Core.Workspaces;

namespace Understudy.Cli.Commands.Datasets;

/// <summary>What every <c>datasets</c> subcommand gets: the workspace's store, a console, and errors turned into exit codes.</summary>
internal sealed class DatasetsCommandRunner
{
    private DatasetsCommandRunner(ParseResult parseResult)
    {
        Workspace = new Workspace(GlobalOptions.ResolveWorkspace(parseResult));
        Store = new ParquetDatasetStore(Workspace);
        Console = CliConsole.Create(parseResult.InvocationConfiguration.Output);
        Output = parseResult.InvocationConfiguration.Output;
        Error = parseResult.InvocationConfiguration.Error;
    }

    public Workspace Workspace { get; }

    public ParquetDatasetStore Store { get; }

    public IAnsiConsole Console { get; }

    /// <summary>Plain output for lines that must not be wrapped (JSON, paths).</summary>
    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>Sets the command's action: runs <paramref name="body"/> and maps the errors users can fix to clear messages.</summary>
    public static void SetAction(Command command, Func<DatasetsCommandRunner, ParseResult, CancellationToken, Task> body)
    {
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var runner = new DatasetsCommandRunner(parseResult);
            try
            {
                await body(runner, parseResult, cancellationToken);
                return ExitCodes.Success;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await runner.Error.WriteLineAsync("Cancelled; every batch written so far is kept, run the command again to resume.");
                return ExitCodes.Cancelled;
            }
            catch (ArgumentException exception)
            {
                await runner.Error.WriteLineAsync($"error: {exception.Message}");
                return ExitCodes.UsageError;
            }
            catch (Exception exception) when (exception is DatasetNotFoundException or DatasetImportException or HubException
                                                  or FileNotFoundException or InvalidDataException or InvalidOperationException
                                                  or NotSupportedException or IOException)
            {
                await runner.Error.WriteLineAsync($"error: {exception.Message}");
                return ExitCodes.Failure;
            }
        });
    }

    /// <summary>A Hub client from the environment (HF_ENDPOINT, HF_TOKEN, HF_HOME); the token is never printed.</summary>
    public static HubClient CreateHubClient(HttpClient http) => new(http, HubOptions.FromEnvironment());
}
