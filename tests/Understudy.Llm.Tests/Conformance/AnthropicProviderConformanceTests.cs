using Microsoft.Extensions.AI;
using Understudy.Llm.Providers;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Conformance;

public class AnthropicProviderConformanceTests : ChatClientConformanceTests
{
    /// <summary>The Anthropic SDK's Messages parameters have no temperature, top_p or seed.</summary>
    protected override bool SendsSamplingOptions => false;

    protected override async Task<IChatClient> CreateClientAsync(ConformanceBackend backend, ICollection<IAsyncDisposable> resources)
    {
        var server = await backend.StartServerAsync();
        resources.Add(server);
        return new ServiceChatClientFactory(new ApiKeyResolver(_ => null)).CreateProviderClient(server.AnthropicServiceOptions());
    }
}
