using System.Text;

namespace Understudy.Llm.Observability;

/// <summary>
/// Langfuse's OpenTelemetry endpoint for a host and key pair: traces go by OTLP/HTTP (protobuf) to
/// <c>{host}/api/public/otel/v1/traces</c> with <c>Authorization: Basic base64(public_key:secret_key)</c>.
/// No Langfuse client is involved: Langfuse reads the GenAI semantic conventions from the spans.
/// </summary>
public sealed record LangfuseOtlpTarget
{
    /// <summary>Langfuse Cloud (EU), used when no host is given.</summary>
    public const string DefaultHost = "https://cloud.langfuse.com";

    /// <summary>The OTLP/HTTP traces endpoint.</summary>
    public required Uri TracesEndpoint { get; init; }

    /// <summary>The value of the Authorization header (<c>Basic ...</c>).</summary>
    public required string Authorization { get; init; }

    /// <summary>Builds the target; throws naming the missing key when one of the pair is missing or the host is not a URL.</summary>
    public static LangfuseOtlpTarget Create(string? host, string publicKey, string secretKey)
    {
        if (string.IsNullOrWhiteSpace(publicKey) || string.IsNullOrWhiteSpace(secretKey))
        {
            throw new ArgumentException(
                $"Langfuse needs both langfuse_public_key and langfuse_secret_key; {(string.IsNullOrWhiteSpace(publicKey) ? "langfuse_public_key" : "langfuse_secret_key")} is empty.");
        }

        var root = string.IsNullOrWhiteSpace(host) ? DefaultHost : host.Trim();
        if (!Uri.TryCreate(root, UriKind.Absolute, out var hostUri) || hostUri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"langfuse_host '{host}' is not an http(s) URL; use e.g. https://cloud.langfuse.com or http://127.0.0.1:3000.");
        }

        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{publicKey.Trim()}:{secretKey.Trim()}"));
        return new LangfuseOtlpTarget
        {
            TracesEndpoint = new Uri(root.TrimEnd('/') + "/api/public/otel/v1/traces"),
            Authorization = "Basic " + credentials,
        };
    }
}
