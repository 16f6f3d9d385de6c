using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Understudy.Core.Tests.Hub;

/// <summary>The read side of <see cref="HubFixtureServer"/>: tree, resolve (redirecting LFS files to a storage URL), parquet.</summary>
internal sealed class HubFixtureRoutes(HubFixtureServer server)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/datasets/{owner}/{name}/tree/{revision}", Tree);
        app.MapGet("/datasets/{owner}/{name}/resolve/{revision}/{**path}", Resolve);
        app.MapGet("/cdn/{sha}", (string sha) =>
            server.LfsObjects.TryGetValue(sha, out byte[]? bytes) ? Results.Bytes(bytes, "application/octet-stream", enableRangeProcessing: true) : Results.NotFound());
        app.MapGet("/api/datasets/{owner}/{name}/parquet", Conversion);
        app.MapGet("/api/datasets/{owner}/{name}/parquet/{config}/{split}/{file}", (HttpContext context, string owner, string name, string config, string split, string file) =>
            Access(context, owner, name, write: false, out FixtureRepo? repo) ?? Results.Bytes(repo!.Conversion[config][split][file]));
        new HubFixtureWriteRoutes(server).Map(app);
    }

    /// <summary>Null when the request may go on; else the Hub's error answer.</summary>
    public static IResult? CheckAccess(HubFixtureServer server, HttpContext context, string repoId, bool write, out FixtureRepo? repo)
    {
        string auth = context.Request.Headers.Authorization.ToString();
        bool hasToken = auth.Length > 0;
        bool validToken = auth == "Bearer " + HubFixtureServer.Token;
        if (hasToken && !validToken)
        {
            repo = null;
            return Error(401, "Invalid credentials in Authorization header");
        }
        if (!server.Repos.TryGetValue(repoId, out repo))
        {
            return Error(404, "Repository not found");
        }
        if ((write || repo.IsPrivate) && !validToken)
        {
            return Error(401, write ? "You must be authenticated to write" : "Invalid username or password.");
        }
        return null;
    }

    public static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);

    private IResult? Access(HttpContext context, string owner, string name, bool write, out FixtureRepo? repo) =>
        CheckAccess(server, context, $"{owner}/{name}", write, out repo);

    private IResult Tree(HttpContext context, string owner, string name, string revision, int? cursor)
    {
        if (Access(context, owner, name, write: false, out FixtureRepo? repo) is { } denied)
        {
            return denied;
        }
        if (revision != "main")
        {
            return Error(404, $"Revision not found: {revision}");
        }
        var entries = new List<JsonObject>();
        foreach (string directory in repo!.Files.Keys.Where(p => p.Contains('/')).Select(p => p[..p.LastIndexOf('/')]).Distinct())
        {
            entries.Add(new JsonObject { ["type"] = "directory", ["oid"] = "0", ["size"] = 0, ["path"] = directory });
        }
        foreach ((string path, byte[] content) in repo.Files.OrderBy(file => file.Key, StringComparer.Ordinal))
        {
            var entry = new JsonObject { ["type"] = "file", ["oid"] = HubFixtureServer.Sha256(content)[..40], ["size"] = content.Length, ["path"] = path };
            if (path.EndsWith(".parquet", StringComparison.Ordinal))
            {
                entry["lfs"] = new JsonObject { ["oid"] = HubFixtureServer.Sha256(content), ["size"] = content.Length, ["pointerSize"] = 130 };
            }
            entries.Add(entry);
        }
        int start = cursor ?? 0;
        var page = entries.Skip(start).Take(server.TreePageSize).ToList();
        if (start + page.Count < entries.Count)
        {
            context.Response.Headers.Append("Link", $"<{server.Endpoint}api/datasets/{owner}/{name}/tree/main?recursive=true&cursor={start + page.Count}>; rel=\"next\"");
        }
        return Results.Json(page);
    }

    private IResult Resolve(HttpContext context, string owner, string name, string revision, string path)
    {
        if (Access(context, owner, name, write: false, out FixtureRepo? repo) is { } denied)
        {
            return denied;
        }
        if (revision != "main" || !repo!.Files.TryGetValue(path, out byte[]? content))
        {
            return Error(404, "Entry not found");
        }
        if (!path.EndsWith(".parquet", StringComparison.Ordinal))
        {
            return Results.Bytes(content);
        }
        string sha = HubFixtureServer.Sha256(content);
        server.LfsObjects[sha] = content;
        return Results.Redirect($"/cdn/{sha}");
    }

    private IResult Conversion(HttpContext context, string owner, string name)
    {
        if (Access(context, owner, name, write: false, out FixtureRepo? repo) is { } denied)
        {
            return denied;
        }
        var answer = new JsonObject();
        foreach ((string config, var splits) in repo!.Conversion)
        {
            var splitNode = new JsonObject();
            foreach ((string split, var files) in splits)
            {
                splitNode[split] = new JsonArray(files.Keys.Select(file => (JsonNode)$"{server.Endpoint}api/datasets/{owner}/{name}/parquet/{config}/{split}/{file}").ToArray());
            }
            answer[config] = splitNode;
        }
        return Results.Content(answer.ToJsonString(), "application/json", Encoding.UTF8);
    }
}
