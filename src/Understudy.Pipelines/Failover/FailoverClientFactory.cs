using Microsoft.Extensions.AI;
using Understudy.Core.Datasets;
using Understudy.Engine.Hub;
using Understudy.Engine.Inference;
using Understudy.Llm.Accounting;
using Understudy.Llm.Failover;
using Understudy.Llm.Failover.Shadow;
using Understudy.Llm.Observability;
using Understudy.Llm.Providers;
using Understudy.Pipelines.BatchInference;

namespace Understudy.Pipelines.Failover;

/// <summary>
/// Builds the client a <see cref="FailoverConfig"/> describes: the primary is a service LLM client with the usual
/// middleware (retries, rate limits, telemetry); the fallback is an OpenAI-compatible endpoint (e.g.
/// <c>understudy serve</c>) or a local model run in-process on the built-in engine; shadow rows go to the dataset store.
/// </summary>
public sealed class FailoverClientFactory
{
    private readonly ServiceChatClientFactory _services;
    private readonly IDatasetStore? _store;
    private readonly Func<string, CancellationToken, Task<string>> _resolveFolder;

    /// <param name="services">Builds the primary (and an endpoint fallback).</param>
    /// <param name="store">Where shadow rows go; required only when shadow mode is on.</param>
    /// <param name="resolveFolder">Maps a local fallback model id to a folder; null = the Hugging Face cache resolver.</param>
    public FailoverClientFactory(ServiceChatClientFactory services, IDatasetStore? store = null, Func<string, CancellationToken, Task<string>>? resolveFolder = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
        _store = store;
        _resolveFolder = resolveFolder ?? ((id, ct) => new HubModelResolver(HubOptions.FromEnvironment()).ResolveAsync(id, null, ct));
    }

    /// <summary>Builds the failover client; <paramref name="ledger"/> records the primary's usage and cost.</summary>
    public async Task<FailoverClient> CreateAsync(FailoverConfig config, UsageLedger? ledger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var primary = _services.Create(new ServiceLlmOptions
        {
            Provider = config.PrimaryProvider,
            ModelName = config.PrimaryModel,
            BaseUrl = string.IsNullOrWhiteSpace(config.PrimaryBaseUrl) ? null : new Uri(config.PrimaryBaseUrl, UriKind.Absolute),
            ApiKeyEnvironmentVariable = string.IsNullOrWhiteSpace(config.PrimaryApiKeyEnv) ? null : config.PrimaryApiKeyEnv,
            // Failover decides quickly; a primary that needs many retries is a primary to leave.
            MaxRetries = 1,
        }, "primary", ledger);
        var fallback = await CreateFallbackAsync(config, cancellationToken);
        DatasetShadowRecorder? recorder = null;
        if (config.ShadowSampleRate > 0)
        {
            var store = _store ?? throw new InvalidOperationException("shadow_sample_rate is above 0 but no dataset store was given for the shadow rows.");
            recorder = new DatasetShadowRecorder(store, config.ShadowDsId, config.ShadowDsSplit, config.ShadowBatchSize);
        }

        // Deadlines and the break measure real time, whatever clock paces the primary's retries and quota.
        var failover = new UnderstudyFailoverChatClient(primary, fallback, config.ToOptions(recorder));
        return new FailoverClient(failover, failover, recorder);
    }

    private async Task<IChatClient> CreateFallbackAsync(FailoverConfig config, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(config.FallbackBaseUrl))
        {
            return _services.Create(new ServiceLlmOptions
            {
                Provider = ServiceLlmProviders.OpenAi,
                ModelName = config.FallbackModel,
                BaseUrl = new Uri(config.FallbackBaseUrl, UriKind.Absolute),
                ApiKeyEnvironmentVariable = string.IsNullOrWhiteSpace(config.FallbackApiKeyEnv) ? null : config.FallbackApiKeyEnv,
                MaxRetries = 1,
            }, "fallback");
        }

        var folder = await _resolveFolder(config.FallbackModel, cancellationToken);
        if (!File.Exists(Path.Combine(folder, "config.json")))
        {
            throw new InvalidOperationException(
                $"fallback_model '{config.FallbackModel}' resolves to '{folder}', which has no config.json: point it at a model folder, or set fallback_base_url.");
        }

        var model = LocalModel.Load(folder, new LocalModelOptions { ModelId = config.FallbackModel });
        return new OwningLocalChatClient(model).AsBuilder().UseUnderstudyTelemetry().Build();
    }
}
