using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Understudy.Llm.Providers;

/// <summary>
/// Builds the bare SDK-backed <see cref="IChatClient"/> of each provider. The SDKs' own retries are switched off
/// and their timeouts pushed out of the way: retries, timeouts and quotas belong to Understudy's middleware,
/// so that every attempt is counted against the quota.
/// </summary>
internal static class ProviderChatClients
{
    /// <summary>Room left above the configured request timeout so that the middleware's timeout fires first.</summary>
    private static readonly TimeSpan SdkTimeoutMargin = TimeSpan.FromSeconds(30);

    public static IChatClient OpenAi(ServiceLlmOptions options, string apiKey, Uri? endpoint, HttpClient? httpClient)
    {
        var clientOptions = new OpenAIClientOptions
        {
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.RequestTimeout + SdkTimeoutMargin,
        };
        if (endpoint is not null)
        {
            clientOptions.Endpoint = endpoint;
        }

        if (httpClient is not null)
        {
            clientOptions.Transport = new HttpClientPipelineTransport(httpClient);
        }

        return new OpenAIClient(new ApiKeyCredential(apiKey), clientOptions).GetChatClient(options.ModelName).AsIChatClient();
    }

    public static IChatClient Anthropic(ServiceLlmOptions options, string apiKey, HttpClient? httpClient)
    {
        var clientOptions = new ClientOptions
        {
            ApiKey = apiKey,
            MaxRetries = 0,
            Timeout = options.RequestTimeout + SdkTimeoutMargin,
        };
        if (options.BaseUrl is not null)
        {
            clientOptions.BaseUrl = options.BaseUrl.ToString().TrimEnd('/');
        }

        if (httpClient is not null)
        {
            clientOptions.HttpClient = httpClient;
        }

        return new AnthropicClient(clientOptions).AsIChatClient(options.ModelName);
    }
}
