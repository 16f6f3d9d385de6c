using System.CommandLine;

namespace Understudy.Cli.Hosting;

/// <summary>Options every command accepts, declared once on the root command (recursive).</summary>
public static class GlobalOptions
{
    /// <summary>Environment variable that sets the default workspace.</summary>
    public const string WorkspaceVariable = "UNDERSTUDY_WORKSPACE";

    /// <summary>The workspace used when neither <c>--workspace</c> nor <see cref="WorkspaceVariable"/> is given.</summary>
    public const string DefaultWorkspace = ".understudy";

    /// <summary>Name of the workspace option.</summary>
    public const string WorkspaceName = "--workspace";

    /// <summary>Name of the verbose option.</summary>
    public const string VerboseName = "--verbose";

    /// <summary>Creates <c>--workspace</c>: the folder holding datasets, models, caches and run summaries.</summary>
    public static Option<string> CreateWorkspace() => new(WorkspaceName, "-w")
    {
        Description = $"Folder for datasets, models, caches and run summaries [default: ${WorkspaceVariable} or {DefaultWorkspace}]",
        HelpName = "path",
        Recursive = true,
    };

    /// <summary>Creates <c>--verbose</c>: print the effective configuration and full error details.</summary>
    public static Option<bool> CreateVerbose() => new(VerboseName, "-v")
    {
        Description = "Print the effective configuration (value and source of every key) and full error details",
        Recursive = true,
    };

    /// <summary>The workspace folder for a parse result: the flag, else the environment variable, else the default (full path).</summary>
    public static string ResolveWorkspace(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var given = parseResult.GetValue<string>(WorkspaceName);
        if (string.IsNullOrWhiteSpace(given))
        {
            given = Environment.GetEnvironmentVariable(WorkspaceVariable);
        }

        return Path.GetFullPath(string.IsNullOrWhiteSpace(given) ? DefaultWorkspace : given);
    }

    /// <summary>Whether <c>--verbose</c> was given.</summary>
    public static bool IsVerbose(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return parseResult.GetValue<bool>(VerboseName);
    }
}
