using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Understudy.Engine.Hub;

/// <summary>
/// Turns a model reference into a local folder: an existing folder is used as is; a Hub id (<c>org/name</c>,
/// optionally <c>@revision</c>) is downloaded into the standard Hub cache (resuming partial files, reusing cached
/// blobs) and its snapshot folder returned. Only the files the engine reads are fetched.
/// </summary>
public sealed class HubModelResolver
{
    private static readonly string[] ModelFiles =
    [
        "config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
        "chat_template.jinja", "model.safetensors", "model.safetensors.index.json",
    ];

    private readonly HubOptions _options;
    private readonly HttpClient _http;

    /// <summary>Creates the resolver; <paramref name="http"/> defaults to a new client.</summary>
    public HubModelResolver(HubOptions options, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _http = http ?? CreateHttpClient();
    }

    /// <summary>Returns a local folder for <paramref name="pathOrId"/>, downloading into the cache when needed.</summary>
    public async Task<string> ResolveAsync(string pathOrId, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathOrId);
        if (Directory.Exists(pathOrId)) return pathOrId;
        var (repo, revision) = Parse(pathOrId);
        var layout = new HubCacheLayout(_options.CacheDirectory, repo);
        if (_options.Offline)
        {
            string? cached = layout.CachedCommit(revision);
            return cached is not null && Directory.Exists(layout.SnapshotFolder(cached))
                ? layout.SnapshotFolder(cached)
                : throw new DirectoryNotFoundException($"'{pathOrId}' is neither a folder nor cached in {layout.RepoFolder}, and HF_HUB_OFFLINE is set.");
        }

        var (commit, files) = await ListFilesAsync(repo, revision, cancellationToken).ConfigureAwait(false);
        var wanted = files.Where(ModelFiles.Contains).ToList();
        if (!wanted.Contains("config.json"))
            throw new InvalidDataException($"Hub repository '{repo}' at {revision} has no config.json; it is not a transformers model.");
        string snapshot = layout.SnapshotFolder(commit);
        var downloader = new HubFileDownloader(_http, _options, repo, commit, layout);
        foreach (string file in wanted)
            await downloader.EnsureAsync(file, progress, cancellationToken).ConfigureAwait(false);
        if (wanted.Contains("model.safetensors.index.json") && !wanted.Contains("model.safetensors"))
        {
            foreach (string shard in ShardNames(Path.Combine(snapshot, "model.safetensors.index.json")))
                await downloader.EnsureAsync(shard, progress, cancellationToken).ConfigureAwait(false);
        }
        if (!HubCacheLayout.IsCommitHash(revision))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(layout.RefPath(revision))!);
            await File.WriteAllTextAsync(layout.RefPath(revision), commit, cancellationToken).ConfigureAwait(false);
        }
        return snapshot;
    }

    /// <summary>An HTTP client as the resolver needs it: redirects are followed by the resolver itself.</summary>
    public static HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(30) };

    private static (string Repo, string Revision) Parse(string id)
    {
        string[] parts = id.Split('@', 2);
        string repo = parts[0];
        if (repo.Count(c => c == '/') != 1 || repo.StartsWith('/') || repo.EndsWith('/') || repo.Contains(".."))
            throw new DirectoryNotFoundException($"'{id}' is not an existing folder nor a Hub model id of the form org/name[@revision].");
        return (repo, parts.Length == 2 && parts[1].Length > 0 ? parts[1] : "main");
    }

    private async Task<(string Commit, IReadOnlyList<string> Files)> ListFilesAsync(string repo, string revision, CancellationToken cancellationToken)
    {
        var uri = new Uri(_options.Endpoint, $"api/models/{repo}/revision/{Uri.EscapeDataString(revision)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (_options.Token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.Token);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw new UnauthorizedAccessException($"The Hub refused '{repo}' ({(int)response.StatusCode}); set HF_TOKEN to a token with access.");
        if (response.StatusCode == HttpStatusCode.NotFound)
            throw new DirectoryNotFoundException($"Hub repository '{repo}' (revision {revision}) was not found at {_options.Endpoint}.");
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        string commit = document.RootElement.GetProperty("sha").GetString() ?? throw new InvalidDataException($"{uri}: no 'sha'.");
        var files = document.RootElement.GetProperty("siblings").EnumerateArray()
            .Select(s => s.GetProperty("rfilename").GetString() ?? "").ToList();
        return (commit, files);
    }

    private static IEnumerable<string> ShardNames(string indexPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(indexPath));
        return document.RootElement.GetProperty("weight_map").EnumerateObject().Select(p => p.Value.GetString()!).Distinct().ToList();
    }
}
