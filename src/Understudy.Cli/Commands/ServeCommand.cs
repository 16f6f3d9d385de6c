using System.CommandLine;
using Microsoft.Extensions.AI;
using Understudy.Cli.Commands.Pipelines;
using Understudy.Core.Datasets;
using Understudy.Llm.Failover;
using Understudy.Llm.Providers;
using Understudy.Pipelines.Failover;
using Understudy.Cli.Commands.Engine;
using Understudy.Cli.Commands.Serving;
using Understudy.Cli.Hosting;
using Understudy.Engine.Inference;
using Understudy.Server.Hosting;

namespace Understudy.Cli.Commands;

/// <summary>
/// <c>understudy serve --model PATH_OR_ID</c>: serves a local model over the OpenAI API (chat and text completions,
/// embeddings, models) with API keys, limits, a bounded queue, Prometheus metrics and OpenTelemetry traces, until Ctrl-C.
/// With <c>--failover-config FILE</c> it is a gateway: chat completions go to the service LLM first and fall back to
/// the served model (docs/serving.md, "Gateway mode"). <c>understudy serve hash-key</c> makes the hashed line of a key file.
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
            FailoverConfig? failover;
            try
            {
                // Refuse unsafe or broken settings before spending time loading the model.
                options = flags.ToServerOptions(parseResult, line => output.WriteLine($"{DateTime.Now:HH:mm:ss} {line}"));
                options.Validate();
                failover = parseResult.GetValue(flags.FailoverConfig) is { Length: > 0 } failoverPath
                    ? FailoverConfigFile.Load(failoverPath, parseResult.GetValue(model.Model) ?? "")
                    : null;
            }
            catch (Exception exception) when (exception is ArgumentException or FormatException or FileNotFoundException)
            {
                await error.WriteLineAsync($"error: {exception.Message}");
                return ExitCodes.UsageError;
            }
            using LocalModel local = await model.LoadAsync(parseResult, cancellationToken);
            FailoverClient? gateway = null;
            ServedModel built;
            try
            {
                built = ServedModel.FromLocalModel(local, flags.ToSchedulerOptions(parseResult), parseResult.GetValue(flags.ServedModelName),
                    decorateChat: failover is null ? null : understudy => (gateway = CreateGateway(failover, understudy, parseResult)).Client);
            }
            catch (ServiceLlmConfigurationException exception)
            {
                await error.WriteLineAsync($"error: --failover-config '{parseResult.GetValue(flags.FailoverConfig)}': {exception.Message}");
                return ExitCodes.UsageError;
            }
            using var served = built;
            // Declared after the served model, so it stops first: pending shadow samples still reach the local model.
            await using var stopGateway = gateway;
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
                if (failover is not null)
                    output.WriteLine($"Gateway: chat completions go to {failover.PrimaryProvider}/{failover.PrimaryModel} first and fall back to {served.Id} (header {ServedModel.RouteHeader}){(failover.ShadowSampleRate > 0 ? $"; shadow samples go to {failover.ShadowDsId}" : "")}");
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

    private static FailoverClient CreateGateway(FailoverConfig config, IChatClient understudy, ParseResult parseResult)
    {
        IDatasetStore? store = config.ShadowSampleRate > 0 ? PipelineCommandSupport.OpenStore(GlobalOptions.ResolveWorkspace(parseResult)) : null;
        return new FailoverClientFactory(PipelineCommandSupport.ChatClients, store).Create(config, understudy);
    }
}
