using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Understudy.Core.Hub;

/// <summary>
/// One commit to a dataset repository, the way the Hub's own clients make it: ask the pre-upload endpoint which files
/// go through LFS; upload those with the LFS batch API (single PUT, or multipart when the Hub gives a chunk size);
/// then post the commit as NDJSON, with small files inline (base64) and LFS files by SHA-256 pointer.
/// </summary>
internal sealed class HubCommitter(HubHttp http, string repoId, string revision)
{
    private sealed record PreparedFile(HubUpload Upload, long Size, string Sha256, bool ViaLfs);

    public async Task<HubCommitResult> CommitAsync(string summary, IReadOnlyList<HubUpload> uploads, IReadOnlyList<string> deletions,
        CancellationToken cancellationToken)
    {
        var prepared = new List<PreparedFile>();
        foreach (HubUpload upload in uploads)
        {
            if (!File.Exists(upload.LocalPath))
            {
                throw new FileNotFoundException($"The file to upload '{upload.LocalPath}' does not exist.", upload.LocalPath);
            }
            prepared.Add(new PreparedFile(upload, new FileInfo(upload.LocalPath).Length, await HubDownloader.Sha256Async(upload.LocalPath, cancellationToken), false));
        }
        prepared = await AskUploadModesAsync(prepared, cancellationToken);
        foreach (PreparedFile file in prepared.Where(file => file.ViaLfs))
        {
            await new HubLfsUploader(http, repoId, revision).UploadAsync(file.Upload.LocalPath, file.Sha256, file.Size, cancellationToken);
        }
        using HttpRequestMessage request = http.Request(HttpMethod.Post, http.Url($"api/datasets/{repoId}/commit/{Uri.EscapeDataString(revision)}"));
        request.Content = new StringContent(await CommitBodyAsync(summary, prepared, deletions, cancellationToken), Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        JsonObject answer = await http.SendJsonAsync<JsonObject>(request, $"commit to dataset '{repoId}' at '{revision}'", cancellationToken);
        return new HubCommitResult((string?)answer["commitOid"] ?? "", (string?)answer["commitUrl"] ?? "");
    }

    private async Task<List<PreparedFile>> AskUploadModesAsync(List<PreparedFile> files, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            return files;
        }
        var entries = new JsonArray();
        foreach (PreparedFile file in files)
        {
            entries.Add(new JsonObject
            {
                ["path"] = file.Upload.PathInRepo,
                ["size"] = file.Size,
                ["sample"] = Convert.ToBase64String(await SampleAsync(file.Upload.LocalPath, cancellationToken)),
            });
        }
        using HttpRequestMessage request = http.Request(HttpMethod.Post, http.Url($"api/datasets/{repoId}/preupload/{Uri.EscapeDataString(revision)}"));
        request.Content = JsonContent.Create(new JsonObject { ["files"] = entries });
        JsonObject answer = await http.SendJsonAsync<JsonObject>(request, $"prepare the upload to dataset '{repoId}'", cancellationToken);
        var modes = (answer["files"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .ToDictionary(entry => (string?)entry["path"] ?? "", entry => (string?)entry["uploadMode"] ?? "regular");
        return files.Select(file => file with { ViaLfs = modes.GetValueOrDefault(file.Upload.PathInRepo) == "lfs" }).ToList();
    }

    private static async Task<string> CommitBodyAsync(string summary, List<PreparedFile> files, IReadOnlyList<string> deletions,
        CancellationToken cancellationToken)
    {
        var lines = new List<JsonObject> { Operation("header", new JsonObject { ["summary"] = summary, ["description"] = "" }) };
        foreach (PreparedFile file in files)
        {
            lines.Add(file.ViaLfs
                ? Operation("lfsFile", new JsonObject { ["path"] = file.Upload.PathInRepo, ["algo"] = "sha256", ["oid"] = file.Sha256, ["size"] = file.Size })
                : Operation("file", new JsonObject
                {
                    ["path"] = file.Upload.PathInRepo,
                    ["encoding"] = "base64",
                    ["content"] = Convert.ToBase64String(await File.ReadAllBytesAsync(file.Upload.LocalPath, cancellationToken)),
                }));
        }
        lines.AddRange(deletions.Select(path => Operation("deletedFile", new JsonObject { ["path"] = path })));
        return string.Join('\n', lines.Select(line => line.ToJsonString())) + "\n";
    }

    private static JsonObject Operation(string key, JsonObject value) => new() { ["key"] = key, ["value"] = value };

    private static async Task<byte[]> SampleAsync(string path, CancellationToken cancellationToken)
    {
        await using FileStream stream = File.OpenRead(path);
        byte[] buffer = new byte[Math.Min(512, stream.Length)];
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }
}
