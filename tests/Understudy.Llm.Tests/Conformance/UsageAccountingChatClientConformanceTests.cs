using Microsoft.Extensions.AI;
using Understudy.Llm.Accounting;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Conformance;

public class UsageAccountingChatClientConformanceTests : ChatClientConformanceTests
{
    protected override Task<IChatClient> CreateClientAsync(ConformanceBackend backend, ICollection<IAsyncDisposable> resources)
    {
        return Task.FromResult<IChatClient>(new UsageAccountingChatClient(backend.CreateTestChatClient(), new UsageLedger(), "judge"));
    }
}
