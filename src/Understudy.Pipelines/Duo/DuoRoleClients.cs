using Microsoft.Extensions.AI;
using Understudy.Engine.Hub;
using Understudy.Engine.Inference;
using Understudy.Llm.Accounting;
using Understudy.Llm.Providers;
using Understudy.Pipelines.BatchInference;

namespace Understudy.Pipelines.Duo;

/// <summary>
/// Turns a teacher or judge role into its <see cref="IChatClient"/>: a service client with the usual middleware
/// (retries, rate limits, timeouts, usage accounting into the run's ledger), or for <c>provider: local</c> the built-in
/// engine running the model in-process.
/// </summary>
public static class DuoRoleClients
{
    /// <summary>The role's client; the caller disposes it (a local role's model is disposed with it).</summary>
    /// <param name="roleName">Recorded in the usage ledger (<c>teacher</c>, <c>judge</c>).</param>
    public static async Task<IChatClient> CreateAsync(DuoRoleConfig role, string roleName, ServiceChatClientFactory services, UsageLedger ledger,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(services);
        if (role.IsLocal)
        {
            string folder = await new HubModelResolver(HubOptions.FromEnvironment()).ResolveAsync(role.Model, null, cancellationToken);
            if (!File.Exists(Path.Combine(folder, "config.json")))
            {
                throw new InvalidOperationException(
                    $"{roleName}.model '{role.Model}' resolves to '{folder}', which has no config.json: give a Hugging Face model folder or Hub id for a local {roleName}.");
            }
            return new OwningLocalChatClient(LocalModel.Load(folder, new LocalModelOptions { TorchDtype = role.TorchDtype, ModelId = role.Model }));
        }
        return services.Create(new ServiceLlmOptions
        {
            Provider = role.Provider,
            ModelName = role.Model,
            BaseUrl = string.IsNullOrWhiteSpace(role.BaseUrl) ? null : new Uri(role.BaseUrl, UriKind.Absolute),
            ApiKeyEnvironmentVariable = string.IsNullOrWhiteSpace(role.ApiKeyEnv) ? null : role.ApiKeyEnv,
            RateLimitPerMinute = role.RateLimitPerMinute,
            MaxConcurrency = role.MaxConcurrency,
            MaxRetries = role.MaxRetries,
            RequestTimeout = TimeSpan.FromSeconds(role.RequestTimeoutSeconds),
            CacheDirectory = string.IsNullOrWhiteSpace(role.CacheDir) ? null : role.CacheDir,
        }, roleName, ledger);
    }
}
