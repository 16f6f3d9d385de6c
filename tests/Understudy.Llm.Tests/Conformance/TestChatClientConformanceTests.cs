using Microsoft.Extensions.AI;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Conformance;

public class TestChatClientConformanceTests : ChatClientConformanceTests
{
    protected override Task<IChatClient> CreateClientAsync(ConformanceBackend backend, ICollection<IAsyncDisposable> resources)
    {
        return Task.FromResult<IChatClient>(backend.CreateTestChatClient());
    }
}
