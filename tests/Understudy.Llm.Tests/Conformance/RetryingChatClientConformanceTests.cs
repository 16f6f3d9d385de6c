using Microsoft.Extensions.AI;
using Understudy.Llm.Middleware.Retries;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Conformance;

public class RetryingChatClientConformanceTests : ChatClientConformanceTests
{
    protected override Task<IChatClient> CreateClientAsync(ConformanceBackend backend, ICollection<IAsyncDisposable> resources)
    {
        return Task.FromResult<IChatClient>(new RetryingChatClient(backend.CreateTestChatClient()));
    }
}
