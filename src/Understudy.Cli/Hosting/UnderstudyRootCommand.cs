using System.CommandLine;
using System.CommandLine.Help;

namespace Understudy.Cli.Hosting;

/// <summary>Builds the root <c>understudy</c> command with its global options; commands are added in Program.cs.</summary>
public static class UnderstudyRootCommand
{
    /// <summary>Creates the root command.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("Understudy: train a small local LLM to take over a service LLM's role, then serve it.");
        root.Options.Add(GlobalOptions.CreateWorkspace());
        root.Options.Add(GlobalOptions.CreateVerbose());
        // Bare `understudy` shows the help instead of "Required command was not provided".
        root.SetAction(parseResult =>
        {
            new HelpAction().Invoke(parseResult);
            return ExitCodes.UsageError;
        });
        return root;
    }
}
