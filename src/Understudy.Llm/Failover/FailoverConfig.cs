using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Understudy.Llm.Failover.CircuitBreaking;
using Understudy.Llm.Failover.Shadow;

namespace Understudy.Llm.Failover;

/// <summary>
/// The <c>failover</c> section of a config (or a config file of its own, loadable with <c>ConfigLoader</c>):
/// which service LLM is the primary, which understudy answers when it fails (an OpenAI-compatible endpoint such as
/// <c>understudy serve</c>, or a local model folder run in-process), the circuit breaker's thresholds, and shadow mode.
/// </summary>
public sealed class FailoverConfig : IValidatableObject
{
    [Description("Put the failover client in front of the service LLM.")]
    public bool Enabled { get; set; }

    [Description("Primary (service LLM) provider: openai (or any OpenAI-compatible server), anthropic or gemini.")]
    public string PrimaryProvider { get; set; } = "openai";

    [Description("Primary model name, e.g. gpt-4o-mini.")]
    public string PrimaryModel { get; set; } = "";

    [Description("Primary endpoint override; empty = the provider's default.")]
    public string PrimaryBaseUrl { get; set; } = "";

    [Description("Environment variable holding the primary's API key; empty = SERVICE_LLM_API_KEY, then the provider's usual name.")]
    public string PrimaryApiKeyEnv { get; set; } = "";

    [Description("The understudy: a local model folder or Hub id run in-process (when fallback_base_url is empty), or the model name served at fallback_base_url.")]
    public string FallbackModel { get; set; } = "";

    [Description("OpenAI-compatible endpoint serving the understudy (e.g. http://127.0.0.1:8080/v1/ from `understudy serve`); empty = run fallback_model in-process.")]
    public string FallbackBaseUrl { get; set; } = "";

    [Description("Environment variable holding the fallback endpoint's API key; empty = none needed.")]
    public string FallbackApiKeyEnv { get; set; } = "";

    [Range(0, 1000)]
    [Description("Consecutive primary failures that open the circuit; 0 = rule off.")]
    public int ConsecutiveFailures { get; set; } = 5;

    [Range(0.0, 1.0)]
    [Description("Share of failed primary requests within sampling_window that opens the circuit; 0 = rule off.")]
    public double FailureRatio { get; set; } = 0.5;

    [Range(1, 100000)]
    [Description("Requests seen within sampling_window before failure_ratio counts.")]
    public int MinimumThroughput { get; set; } = 10;

    [Description("How far back failure_ratio looks.")]
    public TimeSpan SamplingWindow { get; set; } = TimeSpan.FromSeconds(60);

    [Description("How long an open circuit sends everything to the fallback before probing the primary.")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 1000)]
    [Description("Probe requests let through to the primary at once while half-open.")]
    public int HalfOpenProbes { get; set; } = 1;

    [Description("Deadline of a primary request (streaming: its first token); missed = failure and the fallback answers. 0 = none.")]
    public TimeSpan PrimaryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Description("A primary answer slower than this (streaming: first token) counts as a failure though it is returned. 0 = not judged.")]
    public TimeSpan LatencyBudget { get; set; }

    [Range(0.0, 1.0)]
    [Description("Share of requests a healthy primary answered that the fallback also answers in the background (shadow mode); 0 = off.")]
    public double ShadowSampleRate { get; set; }

    [Description("Dataset the shadow answers are appended to (batch-infer schema, ready for `understudy evaluate`); required when shadow_sample_rate > 0.")]
    public string ShadowDsId { get; set; } = "";

    [Description("Split of shadow_ds_id.")]
    public string ShadowDsSplit { get; set; } = "shadow";

    [Range(1, 10000)]
    [Description("Shadow rows buffered before each append.")]
    public int ShadowBatchSize { get; set; } = 8;

    /// <summary>The middleware options for this config; <paramref name="shadowRecorder"/> is required when shadow mode is on.</summary>
    public FailoverOptions ToOptions(IShadowRecorder? shadowRecorder = null, TimeProvider? timeProvider = null, string name = "default") => new()
    {
        Name = name,
        CircuitBreaker = new CircuitBreakerOptions
        {
            ConsecutiveFailureThreshold = ConsecutiveFailures,
            FailureRatioThreshold = FailureRatio,
            MinimumThroughput = MinimumThroughput,
            SamplingWindow = SamplingWindow,
            BreakDuration = BreakDuration,
            HalfOpenMaxProbes = HalfOpenProbes,
        },
        PrimaryTimeout = PrimaryTimeout > TimeSpan.Zero ? PrimaryTimeout : null,
        LatencyBudget = LatencyBudget > TimeSpan.Zero ? LatencyBudget : null,
        ShadowSampleRate = ShadowSampleRate,
        ShadowRecorder = ShadowSampleRate > 0 ? shadowRecorder : null,
        TimeProvider = timeProvider,
    };

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(PrimaryModel))
        {
            yield return new ValidationResult("failover is enabled but no primary model is set: set primary_model (e.g. gpt-4o-mini).", [nameof(PrimaryModel)]);
        }

        if (string.IsNullOrWhiteSpace(FallbackModel))
        {
            yield return new ValidationResult("failover is enabled but no understudy is set: set fallback_model to a local model folder, or to the model served at fallback_base_url.", [nameof(FallbackModel)]);
        }

        if (ConsecutiveFailures == 0 && FailureRatio == 0)
        {
            yield return new ValidationResult("consecutive_failures and failure_ratio are both 0: the circuit could never open; set one of them.", [nameof(ConsecutiveFailures)]);
        }

        foreach (var (value, name) in new[] { (SamplingWindow, nameof(SamplingWindow)), (BreakDuration, nameof(BreakDuration)) })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return new ValidationResult("must be a positive duration such as 30s.", [name]);
            }
        }

        if (ShadowSampleRate > 0 && string.IsNullOrWhiteSpace(ShadowDsId))
        {
            yield return new ValidationResult("shadow_sample_rate is above 0 but shadow_ds_id is empty: name the dataset the shadow answers go to.", [nameof(ShadowDsId)]);
        }

        if (!string.IsNullOrWhiteSpace(FallbackBaseUrl) && !Uri.TryCreate(FallbackBaseUrl, UriKind.Absolute, out _))
        {
            yield return new ValidationResult($"'{FallbackBaseUrl}' is not an absolute URL; use e.g. http://127.0.0.1:8080/v1/.", [nameof(FallbackBaseUrl)]);
        }
    }
}
