using System.CommandLine;
using Spectre.Console;
using Understudy.Cli.Display;
using Understudy.Core.Configuration;
using Understudy.Core.Runs;

namespace Understudy.Cli.Hosting;

/// <summary>What a config-driven command's handler receives: the validated config and the run's plumbing.</summary>
/// <typeparam name="TConfig">The command's config class.</typeparam>
public sealed class ConfigCommandContext<TConfig> where TConfig : class
{
    internal ConfigCommandContext(
        TConfig config, EffectiveConfig effective, string workspace, bool verbose,
        IAnsiConsole console, RunSummaryBuilder run, ParseResult parseResult)
    {
        Config = config;
        Effective = effective;
        Workspace = workspace;
        Verbose = verbose;
        Console = console;
        Run = run;
        ParseResult = parseResult;
        Progress = new ProgressDisplay(console);
    }

    /// <summary>The validated config (defaults, then the YAML file, then explicit flags).</summary>
    public TConfig Config { get; }

    /// <summary>Every key's value and source, and the config hash to record in dataset provenance.</summary>
    public EffectiveConfig Effective { get; }

    /// <summary>Full path of the workspace folder (may not exist yet).</summary>
    public string Workspace { get; }

    /// <summary>Whether <c>--verbose</c> was given.</summary>
    public bool Verbose { get; }

    /// <summary>Where to write tables and messages (plain text when output is redirected).</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Progress bars for long steps (a plain line-per-interval log when not interactive).</summary>
    public ProgressDisplay Progress { get; }

    /// <summary>Metrics, verdict, inputs and outputs for the run summary written when the handler returns.</summary>
    public RunSummaryBuilder Run { get; }

    /// <summary>The raw parse result, for commands with extra arguments of their own.</summary>
    public ParseResult ParseResult { get; }
}
