namespace Understudy.Engine.Hub;

/// <summary>
/// Where Hugging Face Hub models come from and are cached, resolved like <c>huggingface_hub</c>: <c>HF_ENDPOINT</c>,
/// <c>HF_HUB_CACHE</c> or <c>HF_HOME</c>/hub (default ~/.cache/huggingface/hub), <c>HF_TOKEN</c> or
/// <c>HF_HOME</c>/token, <c>HF_HUB_OFFLINE</c>.
/// </summary>
public sealed record HubOptions
{
    /// <summary>The Hub's base address.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The cache folder holding <c>models--org--name</c> folders.</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>Bearer token for gated/private repositories, or null.</summary>
    public string? Token { get; init; }

    /// <summary>Use only what is cached; never contact the Hub.</summary>
    public bool Offline { get; init; }

    /// <summary>Reads the standard environment variables.</summary>
    public static HubOptions FromEnvironment()
    {
        string? home = Environment.GetEnvironmentVariable("HF_HOME");
        if (string.IsNullOrEmpty(home))
            home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "huggingface");
        string cache = Environment.GetEnvironmentVariable("HF_HUB_CACHE") is { Length: > 0 } hubCache ? hubCache : Path.Combine(home, "hub");
        string? token = Environment.GetEnvironmentVariable("HF_TOKEN");
        string tokenFile = Path.Combine(home, "token");
        if (string.IsNullOrEmpty(token) && File.Exists(tokenFile)) token = File.ReadAllText(tokenFile).Trim();
        string endpoint = Environment.GetEnvironmentVariable("HF_ENDPOINT") is { Length: > 0 } e ? e : "https://huggingface.co";
        string? offline = Environment.GetEnvironmentVariable("HF_HUB_OFFLINE");
        return new HubOptions
        {
            Endpoint = new Uri(endpoint.TrimEnd('/') + "/"),
            CacheDirectory = cache,
            Token = string.IsNullOrEmpty(token) ? null : token,
            Offline = offline is "1" or "true" or "TRUE" or "yes",
        };
    }
}
