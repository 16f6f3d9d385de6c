using System.Net;
using System.Net.Http.Headers;

namespace Understudy.Engine.Hub;

/// <summary>
/// Downloads one repository file at a commit into the cache: the bytes go to <c>blobs/ETAG</c> (via a resumable
/// <c>.incomplete</c> file) and <c>snapshots/COMMIT/FILE</c> links to the blob, as huggingface_hub lays it out.
/// </summary>
internal sealed class HubFileDownloader(HttpClient http, HubOptions options, string repo, string commit, HubCacheLayout layout)
{
    public async Task EnsureAsync(string file, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        string target = Path.Combine(layout.SnapshotFolder(commit), file);
        if (File.Exists(target)) return;
        var uri = new Uri(options.Endpoint, $"{repo}/resolve/{commit}/{file}");

        string etag = await HeadEtagAsync(uri, cancellationToken).ConfigureAwait(false);
        string blob = layout.BlobPath(etag);
        if (!File.Exists(blob))
        {
            progress?.Report($"downloading {repo}/{file}");
            await DownloadAsync(uri, blob, cancellationToken).ConfigureAwait(false);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        string relative = Path.GetRelativePath(Path.GetDirectoryName(target)!, blob);
        try
        {
            File.CreateSymbolicLink(target, relative);
        }
        catch (IOException)
        {
            File.Copy(blob, target, overwrite: true);        // file systems without symlinks
        }
    }

    private async Task<string> HeadEtagAsync(Uri uri, CancellationToken cancellationToken)
    {
        // Redirects are followed by hand: the Hub puts X-Linked-Etag on the redirect to its CDN, not on the CDN's answer.
        using var response = await SendAsync(HttpMethod.Head, uri, null, stopAtLinkedEtag: true, cancellationToken).ConfigureAwait(false);
        Check(response, uri);
        // Large files are LFS pointers: the content hash is in X-Linked-Etag; small files use ETag.
        string? etag = response.Headers.TryGetValues("X-Linked-Etag", out var linked) ? linked.First() : response.Headers.ETag?.Tag;
        if (string.IsNullOrEmpty(etag)) throw new InvalidDataException($"{uri}: the Hub sent no ETag, so the file cannot be cached.");
        string name = etag.Trim().TrimStart('W', '/').Trim('"');
        if (name.Length == 0 || name.Contains('/') || name.Contains("..")) throw new InvalidDataException($"{uri}: unusable ETag '{etag}'.");
        return name;
    }

    private async Task DownloadAsync(Uri uri, string blob, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(blob)!);
        string partial = blob + ".incomplete";
        long existing = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        using var response = await SendAsync(HttpMethod.Get, uri, existing > 0 ? existing : null, stopAtLinkedEtag: false, cancellationToken).ConfigureAwait(false);
        Check(response, uri);
        bool resumed = existing > 0 && response.StatusCode == HttpStatusCode.PartialContent;
        await using (var output = new FileStream(partial, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
        await using (var input = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
        {
            await input.CopyToAsync(output, 1 << 20, cancellationToken).ConfigureAwait(false);
        }
        long? expected = response.Content.Headers.ContentRange?.Length ?? response.Content.Headers.ContentLength;
        long actual = new FileInfo(partial).Length;
        if (expected is long total && actual != total)
            throw new IOException($"{uri}: download ended at {actual} of {total} bytes; run again to resume.");
        File.Move(partial, blob, overwrite: true);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, long? rangeStart, bool stopAtLinkedEtag, CancellationToken cancellationToken)
    {
        for (int hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(method, uri);
            // The token is for the Hub only, never for the storage it redirects to.
            if (options.Token is not null && uri.Host == options.Endpoint.Host) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
            if (rangeStart is long start) request.Headers.Range = new RangeHeaderValue(start, null);
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            bool redirect = (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is not null;
            if (!redirect || (stopAtLinkedEtag && response.Headers.Contains("X-Linked-Etag"))) return WithSuccessStatus(response);
            if (hop == 5) throw new HttpRequestException($"{uri}: too many redirects.");
            uri = new Uri(uri, response.Headers.Location!);
            response.Dispose();
        }
    }

    private static HttpResponseMessage WithSuccessStatus(HttpResponseMessage response)
    {
        if ((int)response.StatusCode is >= 300 and < 400) response.StatusCode = HttpStatusCode.OK;   // a redirect that carried the ETag
        return response;
    }

    private static void Check(HttpResponseMessage response, Uri uri)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw new UnauthorizedAccessException($"{uri}: access denied ({(int)response.StatusCode}); set HF_TOKEN to a token with access.");
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{uri}: the Hub answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
    }
}
