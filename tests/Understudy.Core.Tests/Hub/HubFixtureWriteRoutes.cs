using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Understudy.Core.Tests.Hub;

/// <summary>The write side of <see cref="HubFixtureServer"/>: repo creation, preupload, LFS batch/upload/verify and commit.</summary>
internal sealed class HubFixtureWriteRoutes(HubFixtureServer server)
{
    private readonly ConcurrentDictionary<string, SortedDictionary<int, byte[]>> _multipartUploads = new();

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/repos/create", (Delegate)CreateRepo);
        app.MapPost("/api/datasets/{owner}/{name}/preupload/{revision}", Preupload);
        app.MapPost("/datasets/{owner}/{nameGit}/info/lfs/objects/batch", LfsBatch);
        app.MapPut("/lfs-upload/{oid}", async (HttpContext context, string oid) => Store(oid, await ReadBody(context)));
        app.MapPut("/lfs-part/{oid}/{part:int}", async (HttpContext context, string oid, int part) =>
        {
            _multipartUploads.GetOrAdd(oid, _ => [])[part] = await ReadBody(context);
            context.Response.Headers.ETag = $"\"etag-{part}\"";
            return Results.Ok();
        });
        app.MapPost("/lfs-complete/{oid}", async (HttpContext context, string oid) =>
        {
            JsonObject body = (await context.Request.ReadFromJsonAsync<JsonObject>())!;
            var parts = _multipartUploads[oid];
            if (body["parts"]!.AsArray().Count != parts.Count)
            {
                return HubFixtureRoutes.Error(400, "parts do not match");
            }
            return Store(oid, parts.Values.SelectMany(bytes => bytes).ToArray());
        });
        app.MapPost("/lfs-verify", async (HttpContext context) =>
        {
            JsonObject body = (await context.Request.ReadFromJsonAsync<JsonObject>())!;
            return server.LfsObjects.ContainsKey((string)body["oid"]!) ? Results.Ok() : HubFixtureRoutes.Error(404, "object not found");
        });
        app.MapPost("/api/datasets/{owner}/{name}/commit/{revision}", Commit);
    }

    private async Task<IResult> CreateRepo(HttpContext context)
    {
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + HubFixtureServer.Token)
        {
            return HubFixtureRoutes.Error(401, "You must be authenticated to create a repository");
        }
        JsonObject body = (await context.Request.ReadFromJsonAsync<JsonObject>())!;
        string repoId = $"{(string)body["organization"]!}/{(string)body["name"]!}";
        if ((string?)body["type"] != "dataset")
        {
            return HubFixtureRoutes.Error(400, "type must be dataset in this fixture");
        }
        if (server.Repos.ContainsKey(repoId))
        {
            return HubFixtureRoutes.Error(409, "You already created this dataset repo");
        }
        server.AddRepo(repoId, (bool?)body["private"] ?? false);
        return Results.Json(new { url = $"{server.Endpoint}datasets/{repoId}" });
    }

    private async Task<IResult> Preupload(HttpContext context, string owner, string name, string revision)
    {
        if (HubFixtureRoutes.CheckAccess(server, context, $"{owner}/{name}", write: true, out _) is { } denied)
        {
            return denied;
        }
        JsonObject body = (await context.Request.ReadFromJsonAsync<JsonObject>())!;
        var files = body["files"]!.AsArray().Select(file => (JsonNode)new JsonObject
        {
            ["path"] = (string)file!["path"]!,
            ["uploadMode"] = ((string)file["path"]!).EndsWith(".parquet", StringComparison.Ordinal) ? "lfs" : "regular",
            ["shouldIgnore"] = false,
        });
        return Results.Json(new JsonObject { ["files"] = new JsonArray(files.ToArray()) });
    }

    private async Task<IResult> LfsBatch(HttpContext context, string owner, string nameGit)
    {
        if (!nameGit.EndsWith(".git", StringComparison.Ordinal) ||
            HubFixtureRoutes.CheckAccess(server, context, $"{owner}/{nameGit[..^4]}", write: true, out _) is { } denied)
        {
            return HubFixtureRoutes.Error(401, "LFS batch needs write access");
        }
        JsonObject body = (await context.Request.ReadFromJsonAsync<JsonObject>())!;
        JsonObject requested = body["objects"]!.AsArray()[0]!.AsObject();
        string oid = (string)requested["oid"]!;
        long size = (long)requested["size"]!;
        var answer = new JsonObject { ["oid"] = oid, ["size"] = size };
        if (!server.LfsObjects.ContainsKey(oid))
        {
            answer["actions"] = new JsonObject { ["upload"] = UploadAction(oid, size), ["verify"] = new JsonObject { ["href"] = $"{server.Endpoint}lfs-verify" } };
        }
        return Results.Json(new JsonObject { ["transfer"] = server.MultipartChunkSize is null ? "basic" : "multipart", ["objects"] = new JsonArray(answer) });
    }

    private JsonObject UploadAction(string oid, long size)
    {
        if (server.MultipartChunkSize is not int chunk)
        {
            return new JsonObject { ["href"] = $"{server.Endpoint}lfs-upload/{oid}" };
        }
        var header = new JsonObject { ["chunk_size"] = chunk.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        for (int part = 1; part <= (size + chunk - 1) / chunk; part++)
        {
            header[part.ToString(System.Globalization.CultureInfo.InvariantCulture)] = $"{server.Endpoint}lfs-part/{oid}/{part}";
        }
        return new JsonObject { ["href"] = $"{server.Endpoint}lfs-complete/{oid}", ["header"] = header };
    }

    private async Task<IResult> Commit(HttpContext context, string owner, string name, string revision)
    {
        if (HubFixtureRoutes.CheckAccess(server, context, $"{owner}/{name}", write: true, out FixtureRepo? repo) is { } denied)
        {
            return denied;
        }
        if (context.Request.ContentType != "application/x-ndjson")
        {
            return HubFixtureRoutes.Error(400, "expected application/x-ndjson");
        }
        string[] lines = (await new StreamReader(context.Request.Body).ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var operations = lines.Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
        if ((string?)operations[0]["key"] != "header")
        {
            return HubFixtureRoutes.Error(400, "the first line must be the header");
        }
        foreach (JsonObject operation in operations.Skip(1))
        {
            JsonObject value = operation["value"]!.AsObject();
            string path = (string)value["path"]!;
            switch ((string?)operation["key"])
            {
                case "file":
                    repo!.Files[path] = Convert.FromBase64String((string)value["content"]!);
                    break;
                case "lfsFile" when server.LfsObjects.TryGetValue((string)value["oid"]!, out byte[]? bytes):
                    repo!.Files[path] = bytes;
                    break;
                case "lfsFile":
                    return HubFixtureRoutes.Error(422, $"LFS object of {path} was never uploaded");
                case "deletedFile":
                    repo!.Files.TryRemove(path, out _);
                    break;
                default:
                    return HubFixtureRoutes.Error(400, $"unknown operation {operation["key"]}");
            }
        }
        repo!.CommitSummaries.Add((string)operations[0]["value"]!["summary"]!);
        string commit = Guid.NewGuid().ToString("N");
        return Results.Json(new { commitOid = commit, commitUrl = $"{server.Endpoint}datasets/{owner}/{name}/commit/{commit}" });
    }

    private IResult Store(string oid, byte[] content)
    {
        if (HubFixtureServer.Sha256(content) != oid)
        {
            return HubFixtureRoutes.Error(400, "content does not match its oid");
        }
        server.LfsObjects[oid] = content;
        return Results.Ok();
    }

    private static async Task<byte[]> ReadBody(HttpContext context)
    {
        using var memory = new MemoryStream();
        await context.Request.Body.CopyToAsync(memory);
        return memory.ToArray();
    }
}
