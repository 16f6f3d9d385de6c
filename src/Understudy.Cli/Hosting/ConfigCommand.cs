using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using Understudy.Cli.Display;
using Understudy.Core.Configuration;
using Understudy.Core.Observability;
using Understudy.Core.Runs;
using Understudy.Llm.Observability;

namespace Understudy.Cli.Hosting;

/// <summary>
/// Builds a command driven by a config class: <c>--from-config PATH</c> plus one flag per config key.
/// Explicit flags override the file; the handler gets the validated config and a cancellation token
/// (Ctrl-C). Config errors print cleanly with exit code 2; cancellation exits with 130; every run
/// (succeeded, failed or cancelled) leaves a summary in <c>&lt;workspace&gt;/runs/</c>.
/// </summary>
public static class ConfigCommand
{
    /// <summary>Name of the option that names the YAML config file.</summary>
    public const string FromConfigName = "--from-config";

    /// <summary>Name of the option that prints the effective config as YAML instead of running.</summary>
    public const string PrintConfigName = "--print-config";

    /// <summary>Creates the command.</summary>
    /// <param name="name">The command name, e.g. <c>evaluate</c>; also the run summary's command.</param>
    /// <param name="description">One line for <c>--help</c>.</param>
    /// <param name="handler">Does the work and returns an exit code.</param>
    public static Command Create<TConfig>(
        string name, string description, Func<ConfigCommandContext<TConfig>, CancellationToken, Task<int>> handler)
        where TConfig : class, new()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(handler);
        var fromConfig = new Option<string>(FromConfigName)
        {
            Description = "YAML config file (LlamaDuo keys); any key can be overridden by its flag",
            HelpName = "path",
        };
        var printConfig = new Option<bool>(PrintConfigName)
        {
            Description = "Print the effective configuration as YAML (loadable with --from-config) and exit without running",
        };
        var optionSet = new ConfigOptionSet(ConfigSchema.For<TConfig>());
        var command = new Command(name, description) { fromConfig, printConfig };
        foreach (var option in optionSet.Options)
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(name, parseResult, fromConfig, printConfig, optionSet, handler, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync<TConfig>(
        string name, ParseResult parseResult, Option<string> fromConfig, Option<bool> printConfig, ConfigOptionSet optionSet,
        Func<ConfigCommandContext<TConfig>, CancellationToken, Task<int>> handler, CancellationToken cancellationToken)
        where TConfig : class, new()
    {
        var error = parseResult.InvocationConfiguration.Error;
        var verbose = GlobalOptions.IsVerbose(parseResult);
        LoadedConfig<TConfig> loaded;
        try
        {
            loaded = ConfigLoader.Load<TConfig>(parseResult.GetValue(fromConfig), optionSet.CollectOverrides(parseResult));
        }
        catch (ConfigException e)
        {
            await error.WriteLineAsync("error: " + e.Message);
            return ExitCodes.UsageError;
        }

        foreach (var warning in loaded.Effective.Warnings)
        {
            await error.WriteLineAsync("warning: " + warning);
        }

        if (parseResult.GetValue(printConfig))
        {
            await parseResult.InvocationConfiguration.Output.WriteAsync(EffectiveConfigYamlWriter.Write(loaded.Effective));
            return ExitCodes.Success;
        }

        var console = CliConsole.Create(parseResult.InvocationConfiguration.Output);
        if (verbose)
        {
            SummaryTable.WriteEffectiveConfig(console, name, loaded.Effective);
        }

        var workspace = GlobalOptions.ResolveWorkspace(parseResult);
        var run = new RunSummaryBuilder(name, loaded.Effective, DateTimeOffset.UtcNow);
        var runId = RunSummaryStore.NewId(name, run.StartedAt);
        TracingSettings tracingSettings;
        try
        {
            tracingSettings = CommandTracing.Resolve(loaded.Config, workspace, runId);
        }
        catch (ConfigException e)
        {
            await error.WriteLineAsync("error: " + e.Message);
            return ExitCodes.UsageError;
        }

        var context = new ConfigCommandContext<TConfig>(loaded.Config, loaded.Effective, workspace, verbose, console, run, parseResult);
        RunStatus status;
        int exitCode;
        string? message;
        using (var tracing = UnderstudyTracing.Start(tracingSettings))
        {
            using (var runSpan = UnderstudyTelemetry.StartRun(name, runId))
            {
                (status, exitCode, message) = await InvokeHandlerAsync(handler, context, verbose, cancellationToken);
                runSpan?.SetStatus(status == RunStatus.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error, message);
            }

            if (!tracing.Flush() || tracing.TraceStoreError is not null)
            {
                await error.WriteLineAsync($"warning: not every span was exported{(tracing.TraceStoreError is { } e ? $" (trace store: {e.Message})" : "")}.");
            }
        }

        if (message is not null)
        {
            await error.WriteLineAsync(message);
        }

        var summary = run.Build(status, exitCode, DateTimeOffset.UtcNow, status == RunStatus.Succeeded ? null : message);
        SummaryTable.WriteRunSummary(console, summary);
        try
        {
            var path = new RunSummaryStore(workspace).Save(summary);
            console.WriteLine($"Run summary: {path}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"warning: could not save the run summary under {workspace}: {e.Message}");
        }

        return exitCode;
    }

    private static async Task<(RunStatus Status, int ExitCode, string? Message)> InvokeHandlerAsync<TConfig>(
        Func<ConfigCommandContext<TConfig>, CancellationToken, Task<int>> handler, ConfigCommandContext<TConfig> context,
        bool verbose, CancellationToken cancellationToken)
        where TConfig : class
    {
        try
        {
            var exitCode = await handler(context, cancellationToken);
            return (exitCode == ExitCodes.Success ? RunStatus.Succeeded : RunStatus.Failed, exitCode, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (RunStatus.Cancelled, ExitCodes.Cancelled, "Cancelled (Ctrl-C).");
        }
        catch (ConfigException e)
        {
            return (RunStatus.Failed, ExitCodes.UsageError, "error: " + e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (RunStatus.Failed, ExitCodes.Failure, "error: " + (verbose ? e.ToString() : e.Message + " (run with --verbose for details)"));
        }
    }
}
