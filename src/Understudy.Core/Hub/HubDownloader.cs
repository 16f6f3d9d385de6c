using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Understudy.Core.Hub;

/// <summary>
/// Downloads one file to a path: into <c>&lt;path&gt;.incomplete</c> first, resuming it with an HTTP Range request
/// when an earlier download stopped part way, checking the SHA-256 when the Hub gave one, then renaming.
/// </summary>
internal static class HubDownloader
{
    public static async Task DownloadAsync(HubHttp http, Uri url, string destination, string? expectedSha256, string action,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        string partial = destination + ".incomplete";
        long existing = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        using HttpRequestMessage request = http.Request(HttpMethod.Get, url);
        if (existing > 0)
        {
            request.Headers.Range = new RangeHeaderValue(existing, null);
        }
        using HttpResponseMessage response = await http.SendAsync(request, action, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        bool resumed = existing > 0 && response.StatusCode == HttpStatusCode.PartialContent;
        await using (var output = new FileStream(partial, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write))
        {
            await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
            await body.CopyToAsync(output, cancellationToken);
        }
        if (expectedSha256 is not null)
        {
            string actual = await Sha256Async(partial, cancellationToken);
            if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
            {
                File.Delete(partial);
                throw new HubException($"The download of {url} is corrupt (SHA-256 {actual}, expected {expectedSha256}); run the command again.");
            }
        }
        File.Move(partial, destination, overwrite: true);
    }

    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
