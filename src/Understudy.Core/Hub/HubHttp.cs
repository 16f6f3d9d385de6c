using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Understudy.Core.Hub;

/// <summary>
/// The HTTP plumbing shared by the Hub client: URLs under the endpoint, the Bearer token on requests to the Hub's
/// own host only (never to storage URLs it redirects to), and errors turned into <see cref="HubException"/>s.
/// </summary>
internal sealed class HubHttp(HttpClient httpClient, HubOptions options)
{
    public HubOptions Options { get; } = options;

    public Uri Url(string relative) => new(Options.Endpoint, Options.Endpoint.AbsolutePath.TrimEnd('/') + "/" + relative);

    public static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    public HttpRequestMessage Request(HttpMethod method, Uri url)
    {
        var request = new HttpRequestMessage(method, url);
        if (Options.Token is not null && url.Host == Options.Endpoint.Host && url.Port == Options.Endpoint.Port)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Options.Token);
        }
        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string action, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        HttpResponseMessage response;
        try
        {
            response = await httpClient.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new HubException($"Could not reach the Hub at {Options.Endpoint} to {action}: {exception.Message}. " +
                "Check the network, or HF_ENDPOINT if you use a mirror.", null, exception);
        }
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ToExceptionAsync(response, action, cancellationToken);
            }
        }
        return response;
    }

    /// <summary>Sends <paramref name="request"/> (and disposes it), and reads the JSON answer.</summary>
    public async Task<T> SendJsonAsync<T>(HttpRequestMessage request, string action, CancellationToken cancellationToken)
    {
        using HttpRequestMessage owned = request;
        using HttpResponseMessage response = await SendAsync(request, action, cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
                ?? throw new HubException($"The Hub answered null to {action}.");
        }
        catch (JsonException exception)
        {
            throw new HubException($"The Hub's answer to {action} is not the JSON expected: {exception.Message}", response.StatusCode, exception);
        }
    }

    private async Task<HubException> ToExceptionAsync(HttpResponseMessage response, string action, CancellationToken cancellationToken)
    {
        string detail = await ErrorDetailAsync(response, cancellationToken);
        string status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new HubAuthenticationException(
                $"The Hub refused to {action} ({status}{detail}). " + (Options.Token is null
                    ? "No token is set: set HF_TOKEN to a Hugging Face access token (write access for push)."
                    : "The token in HF_TOKEN does not give access: check it is valid and has the needed permission " +
                      "(write access for push). For a private or missing repository the Hub also answers this way."),
                response.StatusCode),
            HttpStatusCode.NotFound => new HubNotFoundException(
                $"Not found on the Hub when trying to {action} ({status}{detail}). Check the repository id and revision; " +
                "a private repository needs HF_TOKEN."),
            _ => new HubException($"The Hub failed to {action} ({status}{detail}).", response.StatusCode),
        };
    }

    private static async Task<string> ErrorDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(body))
        {
            return "";
        }
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.String)
            {
                return ": " + error.GetString();
            }
        }
        catch (JsonException)
        {
            // Not JSON: show the start of the text below.
        }
        return ": " + (body.Length > 200 ? body[..200] + "…" : body).ReplaceLineEndings(" ");
    }
}
