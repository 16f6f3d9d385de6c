using Microsoft.Extensions.AI;
using Understudy.Llm.Middleware.RateLimiting;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Conformance;

public class RateLimitingChatClientConformanceTests : ChatClientConformanceTests
{
    protected override Task<IChatClient> CreateClientAsync(ConformanceBackend backend, ICollection<IAsyncDisposable> resources)
    {
        var limiter = new ServiceRateLimiter(new RateLimitOptions { RequestsPerMinute = 60_000, TokensPerMinute = 10_000_000 });
        return Task.FromResult<IChatClient>(new RateLimitingChatClient(backend.CreateTestChatClient(), limiter));
    }
}
