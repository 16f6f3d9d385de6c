using Microsoft.Extensions.AI;
using Understudy.Llm.Providers;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Conformance;

public class OpenAiProviderConformanceTests : ChatClientConformanceTests
{
    protected override async Task<IChatClient> CreateClientAsync(ConformanceBackend backend, ICollection<IAsyncDisposable> resources)
    {
        var server = await backend.StartServerAsync();
        resources.Add(server);
        return new ServiceChatClientFactory(new ApiKeyResolver(_ => null)).CreateProviderClient(server.ServiceOptions());
    }
}
