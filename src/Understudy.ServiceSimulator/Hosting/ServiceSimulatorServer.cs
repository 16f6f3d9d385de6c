using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Understudy.ServiceSimulator.Protocol;

namespace Understudy.ServiceSimulator.Hosting;

/// <summary>
/// The ticket-triage service simulator as an OpenAI-compatible HTTP server on 127.0.0.1 (Kestrel):
/// <c>GET /v1/models</c>, <c>GET /v1/models/{id}</c> and <c>POST /v1/chat/completions</c>. Any API key is accepted.
/// Start it with <see cref="StartAsync"/>, point an OpenAI client at <see cref="BaseUrl"/>, dispose it to stop.
/// </summary>
public sealed class ServiceSimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServiceSimulatorServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The OpenAI base URL to configure clients with, e.g. <c>http://127.0.0.1:8089/v1</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Binds 127.0.0.1:<see cref="ServiceSimulatorOptions.Port"/> and starts serving.</summary>
    /// <exception cref="IOException">The port is taken (the message names it).</exception>
    public static async Task<ServiceSimulatorServer> StartAsync(ServiceSimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        WebApplication app = builder.Build();
        MapEndpoints(app, options);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException exception)
        {
            await app.DisposeAsync();
            throw new IOException($"The service simulator cannot listen on 127.0.0.1:{options.Port}: {exception.Message} "
                + "Choose another port (--port) or stop what is using it.", exception);
        }
        // With port 0 Kestrel picks the port; the bound address is known only once started.
        int port = new Uri(app.Urls.First()).Port;
        return new ServiceSimulatorServer(app, new Uri($"http://127.0.0.1:{port}/v1"));
    }

    /// <summary>Completes when the server stops (after <see cref="DisposeAsync"/> or when <paramref name="cancellationToken"/> fires).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void MapEndpoints(WebApplication app, ServiceSimulatorOptions options)
    {
        var simulator = new TicketTriageSimulator(options.StudentErrorRate, options.Seed);
        var chat = new ChatCompletionsEndpoint(simulator, new FaultInjector(options.FailRate, options.Seed), options);
        long started = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        ModelCard Card(string id) => new(id, started, SimulatorModels.Owner);

        app.MapGet("/v1/models", () => Results.Json(new ModelList(SimulatorModels.All.Select(Card).ToList()), SimulatorJson.SerializerOptions));
        app.MapGet("/v1/models/{id}", (string id) => SimulatorModels.All.Contains(id)
            ? Results.Json(Card(id), SimulatorJson.SerializerOptions)
            : Results.Json(NotFound($"The model \"{id}\" does not exist here. This simulator serves: {string.Join(", ", SimulatorModels.All)}.", "model_not_found"), SimulatorJson.SerializerOptions, statusCode: 404));
        app.MapPost("/v1/chat/completions", chat.HandleAsync);
        app.MapFallback((HttpContext context) => Results.Json(
            NotFound($"{context.Request.Method} {context.Request.Path} is not served. The ticket-triage service simulator serves "
                + "GET /v1/models, GET /v1/models/{id} and POST /v1/chat/completions.", "unknown_url"), SimulatorJson.SerializerOptions, statusCode: 404));
    }

    private static ErrorResponse NotFound(string message, string code) => new(new ErrorDetail(message, "invalid_request_error", null, code));
}
