using System.CommandLine;
using Understudy.Cli.Commands.Engine;
using Understudy.Cli.Commands.Serving;
using Understudy.Cli.Hosting;
using Understudy.Engine.Inference;
using Understudy.Server.Hosting;

namespace Understudy.Cli.Commands;

/// <summary>
/// <c>understudy serve --model PATH_OR_ID</c>: serves a local model over the OpenAI API (chat and text completions,
/// embeddings, models) with API keys, limits, a bounded queue, Prometheus metrics and OpenTelemetry traces, until Ctrl-C.
/// <c>understudy serve hash-key</c> makes the hashed line of a key file.
/// </summary>
public static class ServeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = new LocalModelFlags();
        var flags = new ServeFlags();
        var command = new Command("serve", "Serve a local model over the OpenAI API (drop-in for clients that only change the base URL)");
        model.AddTo(command);
        flags.AddTo(command);
        command.Subcommands.Add(HashKeyCommand.Create());
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            TextWriter output = TextWriter.Synchronized(parseResult.InvocationConfiguration.Output);
            TextWriter error = parseResult.InvocationConfiguration.Error;
            ServerOptions options;
            try
            {
                // Refuse unsafe or broken settings before spending time loading the model.
                options = flags.ToServerOptions(parseResult, line => output.WriteLine($"{DateTime.Now:HH:mm:ss} {line}"));
                options.Validate();
            }
            catch (Exception exception) when (exception is ArgumentException or FormatException or FileNotFoundException)
            {
                await error.WriteLineAsync($"error: {exception.Message}");
                return ExitCodes.UsageError;
            }
            using LocalModel local = await model.LoadAsync(parseResult, cancellationToken);
            using var served = ServedModel.FromLocalModel(local, flags.ToSchedulerOptions(parseResult), parseResult.GetValue(flags.ServedModelName));
            UnderstudyServer server;
            try
            {
                server = await UnderstudyServer.StartAsync(served, options, cancellationToken);
            }
            catch (IOException exception)
            {
                await error.WriteLineAsync($"error: {exception.Message}");
                return ExitCodes.Failure;
            }
            await using (server)
            {
                output.WriteLine($"Serving {served.Id} at {server.BaseUrl} (OpenAI-compatible; {(options.NoAuth ? "no auth, loopback only" : $"{options.ApiKeys!.Count} API key(s)")})");
                output.WriteLine($"Limits: batch {parseResult.GetValue(flags.MaxBatchSize)}, {options.MaxConcurrentRequests} requests in the engine, {options.MaxQueuedRequests} queued, max_tokens ≤ {options.Limits.MaxTokens}, body ≤ {options.Limits.MaxRequestBytes} bytes");
                output.WriteLine($"Health: {new Uri(server.BaseUrl, "/health")}   Metrics: {new Uri(server.BaseUrl, "/metrics")}   Press Ctrl-C to stop.");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    output.WriteLine("Stopping the server.");
                }
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
