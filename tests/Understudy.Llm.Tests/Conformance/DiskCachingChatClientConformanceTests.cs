using Microsoft.Extensions.AI;
using Understudy.Llm.Middleware.Caching;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Conformance;

public class DiskCachingChatClientConformanceTests : ChatClientConformanceTests
{
    protected override Task<IChatClient> CreateClientAsync(ConformanceBackend backend, ICollection<IAsyncDisposable> resources)
    {
        var directory = Directory.CreateTempSubdirectory("understudy-cache-");
        resources.Add(new DeleteOnDispose(directory));
        return Task.FromResult<IChatClient>(new DiskCachingChatClient(backend.CreateTestChatClient(), directory.FullName));
    }
}
