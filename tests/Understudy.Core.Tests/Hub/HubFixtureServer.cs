using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Understudy.Core.Tests.Hub;

/// <summary>
/// An in-process stand-in for the Hugging Face Hub on 127.0.0.1: the tree, resolve, parquet, repo-create,
/// preupload, LFS batch (basic and multipart) and commit endpoints, answering as the Hub does, including 401
/// without a valid token and 404 for missing repositories. Files live in memory; every request is logged.
/// </summary>
public sealed class HubFixtureServer : IAsyncDisposable
{
    public const string Token = "hf_fixture_secret_token_value";
    private readonly WebApplication _app;

    private HubFixtureServer(WebApplication app)
    {
        _app = app;
    }

    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentDictionary<string, FixtureRepo> Repos { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, byte[]> LfsObjects { get; } = new(StringComparer.Ordinal);

    /// <summary>"METHOD path [auth]" per request, in arrival order; "[auth]" marks a request that carried a Bearer token.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public int TreePageSize { get; set; } = 1000;

    /// <summary>When set, LFS uploads are multipart with this chunk size.</summary>
    public int? MultipartChunkSize { get; set; }

    public static async Task<HubFixtureServer> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var server = new HubFixtureServer(app);
        app.Use(async (context, next) =>
        {
            bool hasAuth = context.Request.Headers.Authorization.Count > 0;
            server.Requests.Enqueue($"{context.Request.Method} {context.Request.Path}{(hasAuth ? " [auth]" : "")}");
            await next();
        });
        new HubFixtureRoutes(server).Map(app);
        await app.StartAsync();
        server.Endpoint = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return server;
    }

    public FixtureRepo AddRepo(string repoId, bool isPrivate = false)
    {
        var repo = new FixtureRepo { IsPrivate = isPrivate };
        repo.Files[".gitattributes"] = Encoding.UTF8.GetBytes("*.parquet filter=lfs diff=lfs merge=lfs -text\n");
        Repos[repoId] = repo;
        return repo;
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
