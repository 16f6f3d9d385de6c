using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Understudy.Core.Observability;
using Understudy.Llm.Providers;

namespace Understudy.Pipelines.Common;

/// <summary>
/// The config keys every step that calls a service LLM (judge, generator) shares: which model, where, and how
/// fast it may be called. Mapped onto <see cref="ServiceLlmOptions"/> by <see cref="ToServiceLlmOptions"/>.
/// </summary>
public abstract class ServiceLlmConfig : TracingConfig
{
    [Required]
    [Description("Service LLM model name, e.g. gpt-4o-mini, claude-3-5-sonnet-latest, gemini-1.5-flash.")]
    public string ServiceModelName { get; set; } = "";

    [Description("Service LLM provider: openai (also any OpenAI-compatible server via service_base_url), anthropic or gemini.")]
    public string ServiceLlmProvider { get; set; } = "openai";

    [Description("Endpoint override (vLLM, Ollama, llama.cpp, TGI, DeepInfra...); empty = the provider's default.")]
    public string ServiceBaseUrl { get; set; } = "";

    [Description("Environment variable holding the API key; empty = SERVICE_LLM_API_KEY, then the provider's usual name.")]
    public string ServiceApiKeyEnv { get; set; } = "";

    [Description("Per-provider generation config file (temperature, top_p, max_tokens...), as in LlamaDuo.")]
    public string ServiceLlmGenConfigPath { get; set; } = "";

    [Range(0, int.MaxValue)]
    [Description("Requests per minute allowed by the provider quota; 0 = unlimited.")]
    public int RateLimitPerMinute { get; set; } = 60;

    [Range(0, int.MaxValue)]
    [Description("Tokens (input + output) per minute allowed by the provider quota; 0 = unlimited.")]
    public int RateLimitTokensPerMinute { get; set; }

    [Range(0, 20)]
    [Description("Transport retries (429, 5xx, timeouts) with exponential backoff before a call is recorded as failed.")]
    public int MaxRetries { get; set; } = 5;

    [Range(1, 3600)]
    [Description("Seconds to wait for one service LLM response before it counts as a timeout.")]
    public int RequestTimeoutSeconds { get; set; } = 120;

    [Description("Folder of the disk response cache (re-running the same requests costs nothing); empty = no cache.")]
    public string CacheDir { get; set; } = "";

    [Description("Path to prompts.toml holding the prompt templates.")]
    public string PromptTmplPath { get; set; } = "config/prompts.toml";

    /// <summary>The options the service chat client factory needs, with <paramref name="maxConcurrency"/> calls in flight.</summary>
    public ServiceLlmOptions ToServiceLlmOptions(int maxConcurrency) => new()
    {
        Provider = ServiceLlmProvider,
        ModelName = ServiceModelName,
        BaseUrl = string.IsNullOrWhiteSpace(ServiceBaseUrl) ? null : new Uri(ServiceBaseUrl, UriKind.Absolute),
        ApiKeyEnvironmentVariable = string.IsNullOrWhiteSpace(ServiceApiKeyEnv) ? null : ServiceApiKeyEnv,
        RateLimitPerMinute = RateLimitPerMinute,
        RateLimitTokensPerMinute = RateLimitTokensPerMinute,
        MaxConcurrency = maxConcurrency,
        MaxRetries = MaxRetries,
        RequestTimeout = TimeSpan.FromSeconds(RequestTimeoutSeconds),
        CacheDirectory = string.IsNullOrWhiteSpace(CacheDir) ? null : CacheDir,
        GenerationConfigPath = string.IsNullOrWhiteSpace(ServiceLlmGenConfigPath) ? null : ServiceLlmGenConfigPath,
    };
}
