using Microsoft.Extensions.AI;
using Understudy.Llm.Middleware.Timeouts;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Conformance;

public class AttemptTimeoutChatClientConformanceTests : ChatClientConformanceTests
{
    protected override Task<IChatClient> CreateClientAsync(ConformanceBackend backend, ICollection<IAsyncDisposable> resources)
    {
        return Task.FromResult<IChatClient>(new AttemptTimeoutChatClient(backend.CreateTestChatClient(), TimeSpan.FromSeconds(30)));
    }
}
