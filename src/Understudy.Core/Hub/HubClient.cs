using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Understudy.Core.Hub;

/// <summary>
/// A client of the Hugging Face Hub's HTTP API for dataset repositories: list a revision's files, list the Hub's
/// Parquet conversion, download files (resumable, checked), create a repository, and commit files (small ones
/// inline, binary and large ones through Git LFS, as the Hub's pre-upload check says).
/// </summary>
public sealed partial class HubClient
{
    private readonly HubHttp _http;

    /// <summary>A client sending requests through <paramref name="httpClient"/> with <paramref name="options"/>.</summary>
    public HubClient(HttpClient httpClient, HubOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _http = new HubHttp(httpClient, options);
    }

    /// <summary>The options in use.</summary>
    public HubOptions Options => _http.Options;

    /// <summary>Every file of a dataset repository at <paramref name="revision"/> (following the API's pages).</summary>
    public async Task<IReadOnlyList<HubRepoFile>> ListFilesAsync(string repoId, string revision = "main", CancellationToken cancellationToken = default)
    {
        ValidateRepoId(repoId);
        var files = new List<HubRepoFile>();
        Uri? next = _http.Url($"api/datasets/{repoId}/tree/{Uri.EscapeDataString(revision)}?recursive=true&expand=false");
        while (next is not null)
        {
            using HttpRequestMessage request = _http.Request(HttpMethod.Get, next);
            using HttpResponseMessage response = await _http.SendAsync(request, $"list the files of dataset '{repoId}' at '{revision}'", cancellationToken);
            var page = await response.Content.ReadFromJsonAsync<List<HubRepoFile>>(cancellationToken) ?? [];
            files.AddRange(page.Where(entry => entry.Type == "file"));
            next = NextPage(response);
        }
        return files;
    }

    /// <summary>
    /// The Parquet files the Hub converted the dataset to (<c>GET /api/datasets/{id}/parquet</c>): config, then split,
    /// then download URLs. Useful for datasets stored as JSON or CSV.
    /// </summary>
    public Task<Dictionary<string, Dictionary<string, List<string>>>> ListParquetConversionAsync(string repoId,
        CancellationToken cancellationToken = default)
    {
        ValidateRepoId(repoId);
        HttpRequestMessage request = _http.Request(HttpMethod.Get, _http.Url($"api/datasets/{repoId}/parquet"));
        return _http.SendJsonAsync<Dictionary<string, Dictionary<string, List<string>>>>(request,
            $"list the Parquet conversion of dataset '{repoId}'", cancellationToken);
    }

    /// <summary>The URL of a file of the repository (<c>/datasets/{id}/resolve/{revision}/{path}</c>).</summary>
    public Uri ResolveUrl(string repoId, string revision, string path) =>
        _http.Url($"datasets/{repoId}/resolve/{Uri.EscapeDataString(revision)}/{HubHttp.EscapePath(path)}");

    /// <summary>
    /// Downloads <paramref name="url"/> to <paramref name="destination"/>, resuming a partial download and checking
    /// <paramref name="expectedSha256"/> when given. The destination appears only when complete.
    /// </summary>
    public Task DownloadAsync(Uri url, string destination, string? expectedSha256 = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        return HubDownloader.DownloadAsync(_http, url, destination, expectedSha256, $"download {url}", cancellationToken);
    }

    /// <summary>Creates the dataset repository; does nothing when it exists already.</summary>
    public async Task CreateDatasetRepositoryAsync(string repoId, bool isPrivate = false, CancellationToken cancellationToken = default)
    {
        ValidateRepoId(repoId);
        string[] parts = repoId.Split('/');
        using HttpRequestMessage request = _http.Request(HttpMethod.Post, _http.Url("api/repos/create"));
        request.Content = JsonContent.Create(new { type = "dataset", name = parts[1], organization = parts[0], @private = isPrivate });
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, $"create the dataset repository '{repoId}'", cancellationToken);
        }
        catch (HubException exception) when (exception.StatusCode == HttpStatusCode.Conflict)
        {
            // It exists: that is what we wanted.
        }
    }

    /// <summary>Commits <paramref name="uploads"/> and <paramref name="deletions"/> to <paramref name="revision"/> in one commit.</summary>
    public Task<HubCommitResult> CommitAsync(string repoId, string summary, IReadOnlyList<HubUpload> uploads,
        IReadOnlyList<string>? deletions = null, string revision = "main", CancellationToken cancellationToken = default)
    {
        ValidateRepoId(repoId);
        ArgumentException.ThrowIfNullOrWhiteSpace(summary);
        ArgumentNullException.ThrowIfNull(uploads);
        return new HubCommitter(_http, repoId, revision).CommitAsync(summary, uploads, deletions ?? [], cancellationToken);
    }

    private static void ValidateRepoId(string repoId)
    {
        ArgumentNullException.ThrowIfNull(repoId);
        if (!RepoIdPattern().IsMatch(repoId))
        {
            throw new ArgumentException($"'{repoId}' is not a Hub dataset id: expected 'owner/name'.", nameof(repoId));
        }
    }

    private static Uri? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }
        Match match = NextLinkPattern().Match(string.Join(",", links));
        return match.Success ? new Uri(response.RequestMessage!.RequestUri!, match.Groups[1].Value) : null;
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*/[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex RepoIdPattern();

    [GeneratedRegex("<([^>]+)>\\s*;\\s*rel=\"?next\"?")]
    private static partial Regex NextLinkPattern();
}
