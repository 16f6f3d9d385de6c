using Microsoft.Extensions.AI;

namespace Understudy.Llm.Providers;

/// <summary>
/// Builds the <see cref="IChatClient"/> of a service LLM role from <see cref="ServiceLlmOptions"/>:
/// <see cref="CreateProviderClient"/> gives the bare provider client, <see cref="Create"/> the client wrapped in
/// Understudy's middleware (cache, usage accounting, retries, concurrency and rate limits).
/// </summary>
public sealed partial class ServiceChatClientFactory
{
    private readonly ApiKeyResolver _keys;
    private readonly HttpClient? _httpClient;

    /// <param name="keys">Where API keys come from; null = the process environment.</param>
    /// <param name="httpClient">The HTTP client the SDKs send with; null = their own.</param>
    /// <param name="timeProvider">The clock of the rate limiters and retry delays (not of request timeouts); null = the system clock.</param>
    public ServiceChatClientFactory(ApiKeyResolver? keys = null, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        _keys = keys ?? new ApiKeyResolver();
        _httpClient = httpClient;
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The clock the middleware built by this factory waits on.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The provider's SDK client for <paramref name="options"/>, with no middleware.</summary>
    /// <exception cref="ServiceLlmConfigurationException">Unknown provider, missing model name, or no API key.</exception>
    public IChatClient CreateProviderClient(ServiceLlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var provider = ServiceLlmProviders.Normalize(options.Provider);
        if (string.IsNullOrWhiteSpace(options.ModelName))
        {
            throw new ServiceLlmConfigurationException(
                $"No model name for the {provider} service LLM: set service_model_name (for example gpt-4o-mini).");
        }

        var apiKey = _keys.Resolve(options);
        return provider switch
        {
            ServiceLlmProviders.OpenAi => ProviderChatClients.OpenAi(options, apiKey, options.BaseUrl, _httpClient),
            ServiceLlmProviders.Gemini => ProviderChatClients.OpenAi(
                options, apiKey, options.BaseUrl ?? ServiceLlmProviders.GeminiOpenAiEndpoint, _httpClient),
            ServiceLlmProviders.Anthropic => ProviderChatClients.Anthropic(options, apiKey, _httpClient),
            _ => throw new ServiceLlmConfigurationException($"Provider '{provider}' has no client."),
        };
    }
}
