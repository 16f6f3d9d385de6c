using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Understudy.Testing;

/// <summary>
/// An OTLP/HTTP receiver on 127.0.0.1 (port 0) that records every POST and answers 200 with an empty protobuf
/// response, standing in for Langfuse's or a collector's endpoint.
/// </summary>
public sealed class OtlpHttpFixture : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<OtlpRequest> _requests = new();

    private OtlpHttpFixture(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The root URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri RootUrl { get; private set; } = null!;

    /// <summary>The requests received so far.</summary>
    public IReadOnlyList<OtlpRequest> Requests => [.. _requests];

    /// <summary>Starts the receiver.</summary>
    public static async Task<OtlpHttpFixture> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fixture = new OtlpHttpFixture(app);
        app.MapPost("/{**path}", async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            fixture._requests.Enqueue(new OtlpRequest(
                context.Request.Path.Value ?? "", context.Request.Headers.Authorization.FirstOrDefault(), context.Request.ContentType, body.ToArray()));
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fixture.RootUrl = new Uri(address.TrimEnd('/'));
        return fixture;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
