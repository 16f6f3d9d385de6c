using Microsoft.Extensions.AI;
using Understudy.Llm.Middleware.Secrets;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Conformance;

public class SecretRedactingChatClientConformanceTests : ChatClientConformanceTests
{
    protected override Task<IChatClient> CreateClientAsync(ConformanceBackend backend, ICollection<IAsyncDisposable> resources)
    {
        return Task.FromResult<IChatClient>(new SecretRedactingChatClient(backend.CreateTestChatClient(), ["sk-conformance-secret"]));
    }
}
