using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Understudy.Core.Configuration;

namespace Understudy.Pipelines.Duo;

/// <summary>
/// A teacher or judge role of <c>duo.yaml</c>: any chat model. <c>provider</c> is a service (<c>openai</c> — also any
/// OpenAI-compatible server through <c>base_url</c> —, <c>anthropic</c>, <c>gemini</c>) or <c>local</c>: a model folder
/// or Hub id run in-process by the built-in engine.
/// </summary>
public sealed class DuoRoleConfig
{
    [OneOf("openai", "anthropic", "gemini", "local")]
    [Description("openai (or any OpenAI-compatible server via base_url), anthropic, gemini, or local (the built-in engine runs model).")]
    public string Provider { get; set; } = "openai";

    [Description("Model name at the service (gpt-4o-mini, claude-3-5-sonnet-latest, gemini-1.5-flash...), or for local a model folder or Hub id.")]
    public string Model { get; set; } = "";

    [Description("Endpoint override (vLLM, Ollama, llama.cpp, TGI, the ticket-triage simulator...); empty = the provider's default.")]
    public string BaseUrl { get; set; } = "";

    [Description("Environment variable holding the API key; empty = SERVICE_LLM_API_KEY, then the provider's usual name.")]
    public string ApiKeyEnv { get; set; } = "";

    [Range(0, int.MaxValue)]
    [Description("Requests per minute allowed by the provider quota; 0 = unlimited.")]
    public int RateLimitPerMinute { get; set; }

    [Range(0, 20)]
    [Description("Transport retries (429, 5xx, timeouts) before a call is recorded as failed.")]
    public int MaxRetries { get; set; } = 5;

    [Range(1, 3600)]
    [Description("Seconds to wait for one response before it counts as a timeout.")]
    public int RequestTimeoutSeconds { get; set; } = 120;

    [Range(0, 1024)]
    [Description("Requests in flight at once; 0 = unlimited.")]
    public int MaxConcurrency { get; set; } = 8;

    [Description("Folder of the disk response cache; empty = no cache.")]
    public string CacheDir { get; set; } = "";

    [OneOf("float32", "bfloat16", "float16")]
    [Description("Weights dtype when provider is local.")]
    public string TorchDtype { get; set; } = "float32";

    /// <summary>True when the built-in engine plays the role.</summary>
    public bool IsLocal => string.Equals(Provider, "local", StringComparison.OrdinalIgnoreCase);

    /// <summary>What identifies the role's answers (provider, model, endpoint), recorded as the judge/teacher version.</summary>
    public string Version => $"{Provider}:{Model}@{(string.IsNullOrWhiteSpace(BaseUrl) ? "default" : BaseUrl)}";
}
