using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Understudy.Llm.Accounting;
using Understudy.Llm.Generation;
using Understudy.Llm.Middleware.Caching;
using Understudy.Llm.Middleware.Concurrency;
using Understudy.Llm.Middleware.RateLimiting;
using Understudy.Llm.Middleware.Retries;
using Understudy.Llm.Middleware.Secrets;
using Understudy.Llm.Middleware.Timeouts;
using Understudy.Llm.Observability;

namespace Understudy.Llm.Providers;

public sealed partial class ServiceChatClientFactory
{
    private readonly ConcurrentDictionary<string, ServiceRateLimiter> _limiters = new();

    /// <summary>
    /// The client of one service LLM role, its middleware in this order (outermost first):
    /// OpenTelemetry GenAI span (and cost/TPOT attributes) → usage accounting → generation-config defaults → disk cache → retries → concurrency limit → rate limit →
    /// per-attempt timeout → key redaction → provider. So cache hits cost nothing and spend no quota, every retry
    /// passes the rate limiter again, waiting for quota never counts as a timeout, and no key leaves in an error.
    /// Clients made by one factory for the same provider, endpoint, key variable and model share one rate limiter.
    /// </summary>
    /// <param name="options">Provider, model, limits, cache folder, generation config.</param>
    /// <param name="role">The role name used in the usage ledger (teacher, judge, generator...).</param>
    /// <param name="ledger">Where usage and cost are recorded; null = not recorded.</param>
    public IChatClient Create(ServiceLlmOptions options, string role = "service", UsageLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        var generation = options.GenerationConfigPath is { Length: > 0 } path ? GenerationConfigFile.Load(path) : null;
        var provider = CreateProviderClient(options);
        var builder = new ChatClientBuilder(provider).UseUnderstudyTelemetry(ledger?.Prices);

        if (ledger is not null)
        {
            builder.UseUsageAccounting(ledger, role);
        }

        if (generation is not null)
        {
            builder.ConfigureOptions(chatOptions => generation.ApplyDefaultsTo(chatOptions));
        }

        if (options.CacheDirectory is { Length: > 0 } cacheDirectory)
        {
            builder.UseDiskCache(cacheDirectory);
        }

        builder.UseRetries(
            new RetryOptions
            {
                MaxAttempts = options.MaxRetries + 1,
                OnRetry = ledger is null ? null : _ => ledger.RecordRetry(role, options.ModelName),
            },
            TimeProvider);

        if (options.MaxConcurrency > 0)
        {
            builder.UseConcurrencyLimit(options.MaxConcurrency);
        }

        if (options.RateLimitPerMinute > 0 || options.RateLimitTokensPerMinute > 0)
        {
            builder.UseRateLimiting(SharedLimiter(options));
        }

        // Timeouts measure real network time, whatever clock paces the retries and the quota.
        builder.UseAttemptTimeout(options.RequestTimeout);
        builder.UseSecretRedaction(_keys.Resolve(options));
        return builder.Build();
    }

    private ServiceRateLimiter SharedLimiter(ServiceLlmOptions options)
    {
        var quota = new RateLimitOptions { RequestsPerMinute = options.RateLimitPerMinute, TokensPerMinute = options.RateLimitTokensPerMinute };
        var key = string.Join('|', ServiceLlmProviders.Normalize(options.Provider), options.BaseUrl, options.ApiKeyEnvironmentVariable,
            options.ModelName, quota.RequestsPerMinute, quota.TokensPerMinute);
        return _limiters.GetOrAdd(key, _ => new ServiceRateLimiter(quota, TimeProvider));
    }
}
