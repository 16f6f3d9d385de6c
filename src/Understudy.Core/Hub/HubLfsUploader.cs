using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Understudy.Core.Hub;

/// <summary>
/// Uploads one file through the Git LFS batch API of a dataset repository (<c>/datasets/{id}.git/info/lfs/objects/batch</c>):
/// nothing when the Hub has the object already, a single PUT ("basic"), or numbered parts of <c>chunk_size</c> bytes
/// followed by a completion request ("multipart"), then the verify call when the Hub asks for it.
/// </summary>
internal sealed class HubLfsUploader(HubHttp http, string repoId, string revision)
{
    public async Task UploadAsync(string path, string sha256, long size, CancellationToken cancellationToken)
    {
        JsonObject action = await RequestUploadActionAsync(sha256, size, cancellationToken);
        if (action["actions"]?["upload"] is not JsonObject upload)
        {
            return;
        }
        var headers = upload["header"] as JsonObject ?? [];
        Uri href = new((string?)upload["href"] ?? throw new HubException($"The LFS batch answer for {path} has no upload URL."));
        if (headers["chunk_size"] is { } chunkSize)
        {
            await UploadMultipartAsync(path, sha256, href, headers, long.Parse(chunkSize.ToString(), CultureInfo.InvariantCulture), cancellationToken);
        }
        else
        {
            using HttpRequestMessage put = RequestWithHeaders(HttpMethod.Put, href, headers);
            await using FileStream content = File.OpenRead(path);
            put.Content = new StreamContent(content);
            put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using HttpResponseMessage uploaded = await http.SendAsync(put, $"upload {Path.GetFileName(path)} to LFS storage", cancellationToken);
        }
        if (action["actions"]?["verify"] is JsonObject verify)
        {
            using HttpRequestMessage request = RequestWithHeaders(HttpMethod.Post, new Uri((string)verify["href"]!), verify["header"] as JsonObject ?? []);
            request.Content = JsonContent.Create(new JsonObject { ["oid"] = sha256, ["size"] = size });
            using HttpResponseMessage verified = await http.SendAsync(request, $"verify the LFS upload of {Path.GetFileName(path)}", cancellationToken);
        }
    }

    private async Task<JsonObject> RequestUploadActionAsync(string sha256, long size, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = http.Request(HttpMethod.Post, http.Url($"datasets/{repoId}.git/info/lfs/objects/batch"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.git-lfs+json"));
        request.Content = JsonContent.Create(new JsonObject
        {
            ["operation"] = "upload",
            ["transfers"] = new JsonArray("basic", "multipart"),
            ["objects"] = new JsonArray(new JsonObject { ["oid"] = sha256, ["size"] = size }),
            ["hash_algo"] = "sha256",
            ["ref"] = new JsonObject { ["name"] = revision },
        }, new MediaTypeHeaderValue("application/vnd.git-lfs+json"));
        JsonObject answer = await http.SendJsonAsync<JsonObject>(request, $"start the LFS upload to dataset '{repoId}'", cancellationToken);
        JsonObject objectAnswer = (answer["objects"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault()
            ?? throw new HubException($"The LFS batch answer for dataset '{repoId}' lists no object.");
        if (objectAnswer["error"] is JsonObject error)
        {
            throw new HubException($"The Hub refused the LFS upload of {sha256}: {(string?)error["message"]} (code {error["code"]}).");
        }
        return objectAnswer;
    }

    private async Task UploadMultipartAsync(string path, string sha256, Uri completionUrl, JsonObject headers, long chunkSize,
        CancellationToken cancellationToken)
    {
        var partUrls = headers.Where(header => int.TryParse(header.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .OrderBy(header => int.Parse(header.Key, CultureInfo.InvariantCulture))
            .Select(header => new Uri((string)header.Value!))
            .ToList();
        var parts = new JsonArray();
        await using FileStream file = File.OpenRead(path);
        byte[] buffer = new byte[chunkSize];
        for (int index = 0; index < partUrls.Count; index++)
        {
            int read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            using var put = new HttpRequestMessage(HttpMethod.Put, partUrls[index]) { Content = new ByteArrayContent(buffer, 0, read) };
            using HttpResponseMessage response = await http.SendAsync(put, $"upload part {index + 1} of {Path.GetFileName(path)}", cancellationToken);
            string etag = response.Headers.ETag?.Tag ?? throw new HubException($"The storage gave no ETag for part {index + 1} of {Path.GetFileName(path)}.");
            parts.Add(new JsonObject { ["partNumber"] = index + 1, ["etag"] = etag });
        }
        using HttpRequestMessage complete = http.Request(HttpMethod.Post, completionUrl);
        complete.Content = JsonContent.Create(new JsonObject { ["oid"] = sha256, ["parts"] = parts });
        using HttpResponseMessage completed = await http.SendAsync(complete, $"complete the multipart upload of {Path.GetFileName(path)}", cancellationToken);
    }

    private HttpRequestMessage RequestWithHeaders(HttpMethod method, Uri url, JsonObject headers)
    {
        HttpRequestMessage request = http.Request(method, url);
        foreach ((string name, JsonNode? value) in headers)
        {
            if (value is not null && !name.Equals("chunk_size", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.TryAddWithoutValidation(name, value.ToString());
            }
        }
        return request;
    }
}
