using Microsoft.Extensions.AI;
using Understudy.Llm.Accounting;
using Understudy.Llm.Providers;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Conformance;

public class ServicePipelineConformanceTests : ChatClientConformanceTests
{
    protected override async Task<IChatClient> CreateClientAsync(ConformanceBackend backend, ICollection<IAsyncDisposable> resources)
    {
        var server = await backend.StartServerAsync();
        resources.Add(server);
        var options = server.ServiceOptions() with { RateLimitPerMinute = 60_000, RateLimitTokensPerMinute = 10_000_000, MaxConcurrency = 4 };
        return new ServiceChatClientFactory(new ApiKeyResolver(_ => null)).Create(options, "judge", new UsageLedger());
    }
}
