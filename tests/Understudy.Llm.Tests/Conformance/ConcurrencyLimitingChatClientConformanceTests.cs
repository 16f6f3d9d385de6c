using Microsoft.Extensions.AI;
using Understudy.Llm.Middleware.Concurrency;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Conformance;

public class ConcurrencyLimitingChatClientConformanceTests : ChatClientConformanceTests
{
    protected override Task<IChatClient> CreateClientAsync(ConformanceBackend backend, ICollection<IAsyncDisposable> resources)
    {
        return Task.FromResult<IChatClient>(new ConcurrencyLimitingChatClient(backend.CreateTestChatClient(), maxConcurrency: 2));
    }
}
