using System.CommandLine;
using System.CommandLine.Invocation;

namespace Understudy.Cli.Hosting;

/// <summary>
/// Parses and invokes the root command. Parse errors are reported here rather than by System.CommandLine,
/// so an unknown flag names the nearest valid flag and the exit code is always 2.
/// </summary>
public static class CliRunner
{
    /// <summary>Runs <paramref name="root"/> with <paramref name="args"/>; output and error default to the console's.</summary>
    public static async Task<int> RunAsync(
        RootCommand root, IReadOnlyList<string> args, TextWriter? output = null, TextWriter? error = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        var parseResult = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            // On Ctrl-C the token is cancelled; handlers get this long to stop before the process exits with 130.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(10),
        };

        if (parseResult.Errors.Count > 0 && parseResult.Action is ParseErrorAction)
        {
            foreach (var message in ParseErrorMessages.Describe(parseResult))
            {
                await configuration.Error.WriteLineAsync("error: " + message);
            }

            await configuration.Error.WriteLineAsync($"Run '{ParseErrorMessages.CommandPath(parseResult)} --help' to list the flags.");
            return ExitCodes.UsageError;
        }

        return await parseResult.InvokeAsync(configuration, cancellationToken);
    }
}
