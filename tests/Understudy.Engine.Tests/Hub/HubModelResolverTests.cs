using Understudy.Engine.Hub;
using Understudy.Engine.Models;
using Understudy.Engine.Tests.Support;

namespace Understudy.Engine.Tests.Hub;

public class HubModelResolverTests
{
    private static Dictionary<string, byte[]> TinyRepoFiles(TempFolder scratch)
    {
        TinyModels.Save(TinyModels.Llama(), scratch.Path);
        return new Dictionary<string, byte[]>
        {
            ["config.json"] = File.ReadAllBytes(scratch.File("config.json")),
            ["model.safetensors"] = File.ReadAllBytes(scratch.File("model.safetensors")),
            ["README.md"] = "not needed"u8.ToArray(),
        };
    }

    private static HubOptions Options(HubFixtureServer server, TempFolder cache, string? token = null, bool offline = false) =>
        new() { Endpoint = server.Endpoint, CacheDirectory = cache.Path, Token = token, Offline = offline };

    [Fact]
    public async Task Hub_id_downloads_into_the_standard_cache_layout_and_loads()
    {
        using var scratch = new TempFolder();
        using var cache = new TempFolder();
        using var server = new HubFixtureServer("org/tiny", TinyRepoFiles(scratch));
        var resolver = new HubModelResolver(Options(server, cache));

        string folder = await resolver.ResolveAsync("org/tiny", cancellationToken: TestContext.Current.CancellationToken);

        string repoFolder = Path.Combine(cache.Path, "models--org--tiny");
        Assert.Equal(Path.Combine(repoFolder, "snapshots", HubFixtureServer.Commit), folder);
        Assert.Equal(HubFixtureServer.Commit, File.ReadAllText(Path.Combine(repoFolder, "refs", "main")));
        Assert.NotNull(new FileInfo(Path.Combine(folder, "model.safetensors")).LinkTarget);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(repoFolder, "blobs")).Length);
        Assert.False(File.Exists(Path.Combine(folder, "README.md")));
        using var model = CausalLanguageModels.Load(folder);
        Assert.Equal("llama", model.Config.ModelType);
    }

    [Fact]
    public async Task Second_resolve_reuses_the_cache_and_offline_mode_needs_no_server()
    {
        using var scratch = new TempFolder();
        using var cache = new TempFolder();
        using var server = new HubFixtureServer("org/tiny", TinyRepoFiles(scratch));
        var ct = TestContext.Current.CancellationToken;
        string first = await new HubModelResolver(Options(server, cache)).ResolveAsync("org/tiny", cancellationToken: ct);
        int requests = server.Requests.Count;

        string second = await new HubModelResolver(Options(server, cache)).ResolveAsync("org/tiny", cancellationToken: ct);
        string offline = await new HubModelResolver(Options(server, cache, offline: true)).ResolveAsync("org/tiny", cancellationToken: ct);

        Assert.Equal(first, second);
        Assert.Equal(first, offline);
        Assert.Equal(requests + 1, server.Requests.Count);          // only the revision lookup
    }

    [Fact]
    public async Task Interrupted_download_resumes_with_a_range_request()
    {
        using var scratch = new TempFolder();
        using var cache = new TempFolder();
        using var server = new HubFixtureServer("org/tiny", TinyRepoFiles(scratch)) { TruncateOnce = ("model.safetensors", 4096) };
        var resolver = new HubModelResolver(Options(server, cache));
        var ct = TestContext.Current.CancellationToken;

        await Assert.ThrowsAnyAsync<Exception>(() => resolver.ResolveAsync("org/tiny", cancellationToken: ct));
        string folder = await resolver.ResolveAsync("org/tiny", cancellationToken: ct);

        Assert.Contains(server.Requests, r => r.StartsWith("GET cdn/model.safetensors bytes=4096-", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllBytes(scratch.File("model.safetensors")), File.ReadAllBytes(Path.Combine(folder, "model.safetensors")));
    }

    [Fact]
    public async Task Token_is_sent_to_the_hub_and_a_refusal_names_HF_TOKEN()
    {
        using var scratch = new TempFolder();
        using var cache = new TempFolder();
        using var server = new HubFixtureServer("org/tiny", TinyRepoFiles(scratch), requiredToken: "secret");
        var ct = TestContext.Current.CancellationToken;

        var error = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => new HubModelResolver(Options(server, cache)).ResolveAsync("org/tiny", cancellationToken: ct));
        string folder = await new HubModelResolver(Options(server, cache, token: "secret")).ResolveAsync("org/tiny", cancellationToken: ct);

        Assert.Contains("HF_TOKEN", error.Message);
        Assert.True(File.Exists(Path.Combine(folder, "config.json")));
    }

    [Fact]
    public async Task Existing_folder_is_used_as_is_and_a_bad_reference_is_explained()
    {
        using var cache = new TempFolder();
        var resolver = new HubModelResolver(new HubOptions { Endpoint = new Uri("http://127.0.0.1:9/"), CacheDirectory = cache.Path, Offline = true });

        Assert.Equal(cache.Path, await resolver.ResolveAsync(cache.Path, cancellationToken: TestContext.Current.CancellationToken));
        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => resolver.ResolveAsync("no-such-thing", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("org/name", error.Message);
    }
}
