namespace Understudy.Core.Hub;

/// <summary>
/// Where the Hugging Face Hub is and who we are to it. <see cref="FromEnvironment"/> follows the Hub's own
/// conventions: <c>HF_ENDPOINT</c> (default https://huggingface.co), <c>HF_TOKEN</c> (else the token file that
/// <c>huggingface-cli login</c> writes under <c>HF_HOME</c>), and <c>HF_HUB_CACHE</c> / <c>HF_HOME</c>/hub for downloads.
/// </summary>
public sealed record HubOptions
{
    /// <summary>The public Hub.</summary>
    public static readonly Uri DefaultEndpoint = new("https://huggingface.co");

    /// <summary>Base URL of the Hub (or a mirror, or a test fixture).</summary>
    public Uri Endpoint { get; init; } = DefaultEndpoint;

    /// <summary>Access token sent as a Bearer token; null for anonymous access. Never printed or logged.</summary>
    public string? Token { get; init; }

    /// <summary>Folder of downloaded files (<c>datasets--owner--name/blobs/&lt;sha256&gt;</c>, as the Hub's cache names them).</summary>
    public string CacheDirectory { get; init; } = DefaultCacheDirectory(_ => null);

    /// <summary>Options from the environment (an explicit lookup for tests; the process environment by default).</summary>
    public static HubOptions FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        string? endpoint = getVariable("HF_ENDPOINT");
        return new HubOptions
        {
            Endpoint = string.IsNullOrWhiteSpace(endpoint) ? DefaultEndpoint : new Uri(endpoint.TrimEnd('/')),
            Token = FirstNonEmpty(getVariable("HF_TOKEN"), getVariable("HUGGING_FACE_HUB_TOKEN"), ReadTokenFile(getVariable)),
            CacheDirectory = DefaultCacheDirectory(getVariable),
        };
    }

    /// <inheritdoc />
    public override string ToString() => $"HubOptions {{ Endpoint = {Endpoint}, Token = {(Token is null ? "none" : "set")}, CacheDirectory = {CacheDirectory} }}";

    private static string HfHome(Func<string, string?> getVariable) =>
        FirstNonEmpty(getVariable("HF_HOME")) ??
        Path.Combine(FirstNonEmpty(getVariable("XDG_CACHE_HOME")) ??
                     Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "huggingface");

    private static string DefaultCacheDirectory(Func<string, string?> getVariable) =>
        FirstNonEmpty(getVariable("HF_HUB_CACHE")) ?? Path.Combine(HfHome(getVariable), "hub");

    private static string? ReadTokenFile(Func<string, string?> getVariable)
    {
        string path = FirstNonEmpty(getVariable("HF_TOKEN_PATH")) ?? Path.Combine(HfHome(getVariable), "token");
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(value => !string.IsNullOrWhiteSpace(value))?.Trim();
}
