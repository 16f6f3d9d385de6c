using System.CommandLine;
using Understudy.Cli.Hosting;
using Understudy.ServiceSimulator;
using Understudy.ServiceSimulator.Example;
using Understudy.ServiceSimulator.Hosting;

namespace Understudy.Cli.Commands;

/// <summary>
/// <c>understudy simulate-service</c>: runs the simulator of a service LLM for a computable task (ticket triage) as
/// an OpenAI-compatible endpoint on 127.0.0.1 until Ctrl-C, or writes the bundled example's coverage dataset.
/// </summary>
public static class SimulateServiceCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var task = new Option<string>("--task")
        {
            Description = "The computable task to simulate a service LLM for (only ticket-triage exists).",
            DefaultValueFactory = _ => "ticket-triage",
        };
        task.AcceptOnlyFromAmong("ticket-triage");
        var port = new Option<int>("--port")
        {
            Description = "Port on 127.0.0.1 (0 = any free port; the base URL printed says which).",
            DefaultValueFactory = _ => ServiceSimulatorOptions.DefaultPort,
        };
        var failRate = new Option<double>("--fail-rate") { Description = "Share (0-1) of chat requests that fail on purpose with 429 or 500, to exercise retries." };
        var seed = new Option<int>("--seed") { Description = "Seed of injected faults, student mistakes and synthesised tickets.", DefaultValueFactory = _ => 1 };
        var studentErrorRate = new Option<double>("--student-error-rate")
        {
            Description = $"Probability (0-1) that the student simulator ({SimulatorModels.Student}) gets each triage field wrong.",
            DefaultValueFactory = _ => new ServiceSimulatorOptions().StudentErrorRate,
        };
        var retryAfter = new Option<int>("--retry-after") { Description = "Retry-After seconds sent with an injected 429.", DefaultValueFactory = _ => 1 };
        var quiet = new Option<bool>("--quiet") { Description = "Do not print a line per request." };
        var writeExample = new Option<string?>("--write-example") { Description = "Write the example coverage dataset (JSONL) to this file and exit instead of serving." };
        var rows = new Option<int>("--rows") { Description = "Rows for --write-example.", DefaultValueFactory = _ => CoverageExampleWriter.DefaultRowCount };
        var exampleSeed = new Option<int>("--example-seed") { Description = "Generator seed for --write-example.", DefaultValueFactory = _ => CoverageExampleWriter.DefaultSeed };

        var command = new Command("simulate-service",
            "Run a simulator of a service LLM for a computable task (ticket triage): an OpenAI-compatible endpoint that "
            + "answers, judges and synthesises by computation, so the loop runs offline. It is not an LLM.")
        {
            task, port, failRate, seed, studentErrorRate, retryAfter, quiet, writeExample, rows, exampleSeed,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            // Lines come from the server's request threads too.
            TextWriter output = TextWriter.Synchronized(parseResult.InvocationConfiguration.Output);
            TextWriter error = parseResult.InvocationConfiguration.Error;
            if (parseResult.GetValue(writeExample) is { } examplePath)
            {
                int rowCount = parseResult.GetValue(rows);
                if (rowCount < 1)
                {
                    await error.WriteLineAsync("error: --rows must be at least 1.");
                    return ExitCodes.UsageError;
                }
                await CoverageExampleWriter.WriteAsync(examplePath, rowCount, parseResult.GetValue(exampleSeed), cancellationToken);
                await output.WriteLineAsync($"Wrote {rowCount} ticket-triage coverage rows to {Path.GetFullPath(examplePath)}");
                return ExitCodes.Success;
            }
            var options = new ServiceSimulatorOptions
            {
                Port = parseResult.GetValue(port),
                FailRate = parseResult.GetValue(failRate),
                Seed = parseResult.GetValue(seed),
                StudentErrorRate = parseResult.GetValue(studentErrorRate),
                RetryAfterSeconds = parseResult.GetValue(retryAfter),
                Log = parseResult.GetValue(quiet) ? null : line => output.WriteLine($"{DateTime.Now:HH:mm:ss} {line}"),
            };
            return await ServeAsync(options, output, error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> ServeAsync(ServiceSimulatorOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ServiceSimulatorServer server;
        try
        {
            server = await ServiceSimulatorServer.StartAsync(options, cancellationToken);
        }
        catch (Exception exception) when (exception is ArgumentOutOfRangeException or IOException)
        {
            await error.WriteLineAsync($"error: {exception.Message}");
            return ExitCodes.UsageError;
        }
        await using (server)
        {
            output.WriteLine("Understudy service simulator: ticket triage (a simulator of a service LLM for a computable task; not an LLM)");
            output.WriteLine($"Base URL: {server.BaseUrl}   (OpenAI-compatible; any API key is accepted)");
            output.WriteLine($"Models:   {SimulatorModels.Teacher} (answers, judges, synthesises with the computed truth)");
            output.WriteLine($"          {SimulatorModels.Student} (answers with mistakes, error rate {options.StudentErrorRate} per field)");
            output.WriteLine(options.FailRate > 0
                ? $"Faults:   {options.FailRate:P0} of chat requests fail with 429 (Retry-After {options.RetryAfterSeconds} s) or 500, seed {options.Seed}"
                : "Faults:   none (--fail-rate 0)");
            output.WriteLine("Press Ctrl-C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                output.WriteLine("Stopping the service simulator.");
            }
        }
        return ExitCodes.Success;
    }
}
