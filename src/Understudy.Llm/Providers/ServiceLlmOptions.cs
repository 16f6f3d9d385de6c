namespace Understudy.Llm.Providers;

/// <summary>
/// Everything needed to build the <c>IChatClient</c> for a service LLM role (teacher, judge, generator).
/// Pipelines map their config keys (<c>service_llm_provider</c>, <c>service_model_name</c>,
/// <c>rate_limit_per_minute</c>, ...) onto this. API keys are never stored here: only the name of the
/// environment variable that holds one.
/// </summary>
public sealed record ServiceLlmOptions
{
    /// <summary>"openai" (also any OpenAI-compatible server via <see cref="BaseUrl"/>), "anthropic" or "gemini".</summary>
    public string Provider { get; init; } = "openai";

    public string ModelName { get; init; } = "";

    /// <summary>Endpoint override: vLLM, Ollama, llama.cpp, TGI, DeepInfra, a local fixture server...</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>Environment variable to read the key from; null means SERVICE_LLM_API_KEY, then the provider's usual name.</summary>
    public string? ApiKeyEnvironmentVariable { get; init; }

    /// <summary>Requests per minute; 0 = unlimited.</summary>
    public int RateLimitPerMinute { get; init; }

    /// <summary>Tokens (input + output) per minute; 0 = unlimited.</summary>
    public int RateLimitTokensPerMinute { get; init; }

    /// <summary>Maximum requests in flight; 0 = unlimited.</summary>
    public int MaxConcurrency { get; init; }

    /// <summary>Retries on 429 / 5xx / timeouts before a call fails.</summary>
    public int MaxRetries { get; init; } = 5;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Folder of the disk response cache; null disables caching.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Per-provider generation config file (YAML/JSON: temperature, top_p, max_tokens, ...), as in LlamaDuo.</summary>
    public string? GenerationConfigPath { get; init; }
}
