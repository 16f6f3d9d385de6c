using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Understudy.Testing;

/// <summary>
/// An in-process OpenAI-compatible HTTP server on 127.0.0.1 (Kestrel, a free port) that answers every
/// <c>POST /v1/chat/completions</c> (and Anthropic-style <c>POST /v1/messages</c>) from a script, streams SSE
/// when asked, serves <c>GET /v1/models</c>, and records every request it received.
/// </summary>
/// <example>
/// <code>
/// await using var server = await ScriptedOpenAiServer.StartAsync(
///     request => request.Sequence == 1 ? ScriptedReply.TooManyRequests(TimeSpan.FromSeconds(1)) : ScriptedReply.Text("hi"));
/// var options = server.ServiceOptions("gpt-4o-mini"); // or point any OpenAI client at server.BaseUrl
/// </code>
/// </example>
public sealed class ScriptedOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<ChatRequest, ScriptedReply> _script;
    private readonly ConcurrentQueue<ChatRequest> _requests = new();
    private readonly ConcurrentQueue<Exception> _scriptErrors = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _sequence;

    private ScriptedOpenAiServer(WebApplication app, Func<ChatRequest, ScriptedReply> script, IReadOnlyList<string> models)
    {
        _app = app;
        _script = script;
        Models = models;
    }

    /// <summary>The OpenAI base URL, ending in <c>/v1/</c> (what OpenAI clients call the endpoint).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The server root without <c>/v1</c> (what Anthropic clients call the base URL).</summary>
    public Uri RootUrl { get; private set; } = null!;

    /// <summary>Model ids listed by <c>GET /v1/models</c>.</summary>
    public IReadOnlyList<string> Models { get; }

    /// <summary>Every chat request received so far, in arrival order (including ones answered with errors).</summary>
    public IReadOnlyList<ChatRequest> Requests => _requests.OrderBy(r => r.Sequence).ToList();

    /// <summary>Exceptions the script threw (each answered with a 500 naming it), so a broken script is easy to spot.</summary>
    public IReadOnlyList<Exception> ScriptErrors => _scriptErrors.ToList();

    /// <summary>How many chat requests arrived.</summary>
    public int RequestCount => Volatile.Read(ref _sequence);

    /// <summary>Starts a server whose every chat request is answered by <paramref name="script"/>.</summary>
    public static async Task<ScriptedOpenAiServer> StartAsync(
        Func<ChatRequest, ScriptedReply> script, IReadOnlyList<string>? models = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var server = new ScriptedOpenAiServer(app, script, models ?? ["scripted-model"]);
        app.MapPost("/v1/chat/completions", context => server.AnswerAsync(context, ScriptedApi.OpenAiChatCompletions));
        app.MapPost("/v1/messages", context => server.AnswerAsync(context, ScriptedApi.AnthropicMessages));
        app.MapGet("/v1/models", context => OpenAiWireFormat.WriteModelsAsync(context.Response, server.Models, context.RequestAborted));
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.RootUrl = new Uri(address.TrimEnd('/') + "/");
        server.BaseUrl = new Uri(server.RootUrl, "v1/");
        return server;
    }

    /// <summary>Starts a server that answers every chat request with <paramref name="content"/>.</summary>
    public static Task<ScriptedOpenAiServer> StartAsync(string content, CancellationToken cancellationToken = default) =>
        StartAsync(_ => ScriptedReply.Text(content), cancellationToken: cancellationToken);

    private async Task AnswerAsync(HttpContext context, ScriptedApi api)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var ct = linked.Token;
        var rawBody = await new StreamReader(context.Request.Body).ReadToEndAsync(ct);
        var sequence = Interlocked.Increment(ref _sequence);
        ChatRequest request;
        try
        {
            request = ChatRequestParser.Parse(sequence, api, rawBody, context.Request.Headers);
        }
        catch (System.Text.Json.JsonException e)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync($"request body is not JSON: {e.Message}", ct);
            return;
        }

        _requests.Enqueue(request);
        ScriptedReply reply;
        try
        {
            reply = _script(request);
        }
        catch (Exception e)
        {
            _scriptErrors.Enqueue(e);
            reply = ScriptedReply.Error(500, $"the test script threw {e.GetType().Name}: {e.Message}");
        }

        await (reply.Hang ? Task.Delay(Timeout.Infinite, ct) : Task.Delay(reply.Latency, ct));
        await WriteReplyAsync(context.Response, request, reply, ct);
    }

    private static Task WriteReplyAsync(HttpResponse response, ChatRequest request, ScriptedReply reply, CancellationToken ct)
    {
        response.StatusCode = reply.StatusCode;
        if (reply.RetryAfter is { } delay)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        else if (reply.RetryAfterDate is { } date)
        {
            response.Headers.RetryAfter = date.ToString("R", CultureInfo.InvariantCulture);
        }

        if (reply.RawBody is { } raw)
        {
            response.ContentType = "application/json";
            return response.WriteAsync(raw, ct);
        }

        var anthropic = request.Api == ScriptedApi.AnthropicMessages;
        return (reply.IsSuccess, request.Stream, anthropic) switch
        {
            (false, _, false) => OpenAiWireFormat.WriteErrorAsync(response, reply, ct),
            (false, _, true) => AnthropicWireFormat.WriteErrorAsync(response, reply, ct),
            (true, false, false) => OpenAiWireFormat.WriteCompletionAsync(response, request, reply, ct),
            (true, true, false) => OpenAiWireFormat.WriteStreamAsync(response, request, reply, ct),
            (true, false, true) => AnthropicWireFormat.WriteMessageAsync(response, request, reply, ct),
            (true, true, true) => AnthropicWireFormat.WriteStreamAsync(response, request, reply, ct),
        };
    }

    /// <summary>Stops the server; requests still hanging are released.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
