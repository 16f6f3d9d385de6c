using Microsoft.Extensions.AI;
using Understudy.Llm.Providers;

namespace Understudy.Pipelines.BatchInference;

/// <summary>
/// Runs the model under test through an OpenAI-compatible endpoint (<c>ft_model_base_url</c>): vLLM, TGI,
/// llama.cpp server, Ollama, or <c>understudy serve</c>. The chat client itself comes from the service-LLM
/// factory, so retries, timeouts and rate limits are the same middleware as for the judge.
/// </summary>
public sealed class EndpointModelClientResolver : IModelClientResolver
{
    private readonly Func<ServiceLlmOptions, IChatClient> _createClient;

    /// <param name="createClient">Builds the middleware-wrapped client for the given options.</param>
    public EndpointModelClientResolver(Func<ServiceLlmOptions, IChatClient> createClient)
    {
        ArgumentNullException.ThrowIfNull(createClient);
        _createClient = createClient;
    }

    /// <inheritdoc />
    public bool CanResolve(BatchInferenceConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return !string.IsNullOrWhiteSpace(config.FtModelBaseUrl);
    }

    /// <inheritdoc />
    public Task<ModelClient> ResolveAsync(BatchInferenceConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!string.IsNullOrWhiteSpace(config.FtModelAdapter))
        {
            throw new InvalidOperationException(
                "ft_model_adapter applies to the built-in engine only. With ft_model_base_url, let the server apply the adapter " +
                "(vLLM: --enable-lora --lora-modules NAME=DIR) and set ft_model_id to NAME; or drop ft_model_base_url.");
        }
        if (!Uri.TryCreate(config.FtModelBaseUrl, UriKind.Absolute, out Uri? baseUrl))
        {
            throw new InvalidOperationException(
                $"ft_model_base_url '{config.FtModelBaseUrl}' is not an absolute URL; use e.g. http://127.0.0.1:8000/v1/.");
        }
        var options = new ServiceLlmOptions
        {
            Provider = "openai",
            ModelName = config.FtModelId,
            BaseUrl = baseUrl,
            ApiKeyEnvironmentVariable = string.IsNullOrWhiteSpace(config.FtModelApiKeyEnv) ? null : config.FtModelApiKeyEnv,
            MaxConcurrency = config.InferenceBs,
            MaxRetries = config.MaxRetries,
            RequestTimeout = TimeSpan.FromSeconds(config.RequestTimeoutSeconds),
        };
        return Task.FromResult(new ModelClient(_createClient(options), config.FtModelId, config.FtModelRevision));
    }
}
