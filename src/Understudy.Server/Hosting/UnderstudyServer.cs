using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using Understudy.Server.Admission;
using Understudy.Server.Endpoints;
using Understudy.Server.Errors;
using Understudy.Server.Observability;
using Understudy.Server.Protocol;
using Understudy.Server.Security;

namespace Understudy.Server.Hosting;

/// <summary>
/// The OpenAI-compatible server (Kestrel) over a <see cref="ServedModel"/>: <c>POST /v1/chat/completions</c>,
/// <c>POST /v1/completions</c>, <c>POST /v1/embeddings</c>, <c>GET /v1/models</c>, <c>GET /health</c> and
/// <c>GET /metrics</c>. Start with <see cref="StartAsync"/>, point an OpenAI client at <see cref="BaseUrl"/>, dispose to stop.
/// </summary>
public sealed class UnderstudyServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TracerProvider? _tracing;

    private UnderstudyServer(WebApplication app, Uri baseUrl, ServerMetrics metrics, TracerProvider? tracing)
    {
        _app = app;
        BaseUrl = baseUrl;
        Metrics = metrics;
        _tracing = tracing;
    }

    /// <summary>The OpenAI base URL, e.g. <c>http://127.0.0.1:8080/v1</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The live metrics (also served at <c>/metrics</c>).</summary>
    public ServerMetrics Metrics { get; }

    /// <summary>Validates <paramref name="options"/>, binds the address and starts serving <paramref name="served"/> (not owned).</summary>
    /// <exception cref="ArgumentException">Unsafe or invalid options (e.g. --no-auth off loopback).</exception>
    /// <exception cref="IOException">The port is taken (the message names it).</exception>
    public static async Task<UnderstudyServer> StartAsync(ServedModel served, ServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(served);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        IPAddress address = options.BindAddress;
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(address, options.Port);
            kestrel.Limits.MaxRequestBodySize = options.Limits.MaxRequestBytes;
            kestrel.AddServerHeader = false;
        });
        WebApplication app = builder.Build();
        var admission = new RequestAdmission(options.MaxConcurrentRequests, options.MaxQueuedRequests, options.RetryAfterSeconds);
        // Queue depth counts requests waiting at the door and sequences waiting in the engine's scheduler.
        Func<EngineLoad> load = served.Load is { } engine
            ? () =>
            {
                EngineLoad now = engine();
                return now with { QueuedSequences = now.QueuedSequences + admission.Waiting };
            }
        : () => new EngineLoad(admission.Waiting, admission.Running);
        var metrics = new ServerMetrics(load);
        if (options.ApiKeys is { } keys && !options.NoAuth) app.Use(new ApiKeyAuthentication(keys).InvokeAsync);
        MapEndpoints(app, served, options, admission, metrics);
        TracerProvider? tracing = ServerTelemetry.CreateOtlpExporterFromEnvironment();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException exception)
        {
            tracing?.Dispose();
            await app.DisposeAsync();
            throw new IOException($"understudy serve cannot listen on {options.Host}:{options.Port}: {exception.Message} Choose another --port or stop what is using it.", exception);
        }
        var bound = new Uri(app.Urls.First());
        string host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{bound.Host.Trim('[', ']')}]" : bound.Host;
        if (IPAddress.Any.Equals(address)) host = "127.0.0.1";
        return new UnderstudyServer(app, new Uri($"http://{host}:{bound.Port}/v1"), metrics, tracing);
    }

    /// <summary>Completes when the server stops.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _tracing?.Dispose();
    }

    private static void MapEndpoints(WebApplication app, ServedModel served, ServerOptions options, RequestAdmission admission, ServerMetrics metrics)
    {
        var runner = new EndpointRunner(options, metrics);
        long started = ResponseIds.Now();
        var card = new ModelList.Card(served.Id, started, ServerIdentity.Owner);
        app.MapPost("/v1/chat/completions", runner.Wrap("chat_completions", new ChatCompletionsEndpoint(served, options, admission, metrics).HandleAsync));
        app.MapPost("/v1/completions", runner.Wrap("completions", new CompletionsEndpoint(served, options, admission, metrics).HandleAsync));
        app.MapPost("/v1/embeddings", runner.Wrap("embeddings", new EmbeddingsEndpoint(served, options, admission).HandleAsync));
        app.MapGet("/v1/models", () => Results.Json(new ModelList([card]), OpenAiJson.Options));
        app.MapGet("/v1/models/{id}", runner.Wrap("models", (context, _) =>
        {
            string id = (string)context.Request.RouteValues["id"]!;
            if (id != served.Id) throw OpenAiException.ModelNotFound(id, served.Id);
            return context.Response.WriteAsJsonAsync(card, OpenAiJson.Options);
        }));
        app.MapGet("/health", () => Results.Json(new { status = "ok", model = served.Id }));
        app.MapGet("/metrics", (HttpContext context) =>
        {
            var text = new StringWriter();
            metrics.WriteTo(text);
            return Results.Text(text.ToString(), "text/plain; version=0.0.4; charset=utf-8");
        });
        app.MapFallback(runner.Wrap("unknown", (context, _) => throw new OpenAiException(404, "invalid_request_error", "unknown_url", null,
            $"{context.Request.Method} {context.Request.Path} is not served. This server serves POST /v1/chat/completions, POST /v1/completions, "
            + "POST /v1/embeddings, GET /v1/models, GET /health and GET /metrics.")));
    }
}
