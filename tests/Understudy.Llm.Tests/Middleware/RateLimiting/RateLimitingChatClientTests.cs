using Microsoft.Extensions.AI;
using Understudy.Llm.Middleware.RateLimiting;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Middleware.RateLimiting;

public class RateLimitingChatClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_per_minute_spaces_calls_at_the_quota()
    {
        var clock = new AutoAdvancingTimeProvider();
        var limiter = new ServiceRateLimiter(new RateLimitOptions { RequestsPerMinute = 60 }, clock);
        using var client = new RateLimitingChatClient(TestChatClient.Answering("ok"), limiter);

        for (var i = 0; i < 11; i++)
        {
            await client.GetResponseAsync("q", cancellationToken: Ct);
        }

        // 60/min with a one-second burst: 1 call at once, then one per second.
        Assert.InRange(clock.Elapsed.TotalSeconds, 9.99, 10.1);
    }

    [Fact]
    public async Task Tokens_per_minute_charges_the_real_usage_after_each_call()
    {
        var clock = new AutoAdvancingTimeProvider();
        var limiter = new ServiceRateLimiter(new RateLimitOptions { TokensPerMinute = 600 }, clock); // 10 tokens/s, burst 10
        using var client = new RateLimitingChatClient(TestChatClient.Answering("ok", inputTokens: 40, outputTokens: 60), limiter);

        await client.GetResponseAsync("q", cancellationToken: Ct);
        await client.GetResponseAsync("q", cancellationToken: Ct);

        // The first call really used 100 tokens: the second waits until the bucket is back above its small estimate.
        Assert.InRange(clock.Elapsed.TotalSeconds, 9.0, 10.1);
    }

    [Fact]
    public async Task Tokens_per_minute_charges_max_tokens_up_front()
    {
        var clock = new AutoAdvancingTimeProvider();
        var limiter = new ServiceRateLimiter(new RateLimitOptions { TokensPerMinute = 600, BurstWindow = TimeSpan.FromMinutes(1) }, clock);
        using var client = new RateLimitingChatClient(TestChatClient.Answering("ok", 1, 1), limiter);

        await client.GetResponseAsync("q", new ChatOptions { MaxOutputTokens = 600 }, Ct);

        Assert.Equal(TimeSpan.Zero, clock.Elapsed);
        await client.GetResponseAsync("q", new ChatOptions { MaxOutputTokens = 600 }, Ct);
        Assert.True(clock.Elapsed > TimeSpan.Zero, "the second call waited for the reserved max_tokens to refill");
    }

    [Fact]
    public async Task Streaming_calls_are_limited_and_reconciled_too()
    {
        var clock = new AutoAdvancingTimeProvider();
        var limiter = new ServiceRateLimiter(new RateLimitOptions { RequestsPerMinute = 60 }, clock);
        using var client = new RateLimitingChatClient(TestChatClient.Answering("streamed"), limiter);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("streamed", (await client.GetStreamingResponseAsync("q", cancellationToken: Ct).ToListAsync(Ct)).ToChatResponse().Text);
        }

        Assert.InRange(clock.Elapsed.TotalSeconds, 1.99, 2.1);
    }

    [Fact]
    public void Estimate_counts_about_four_characters_per_token_plus_max_tokens()
    {
        var estimate = TokenEstimator.EstimateRequest([new ChatMessage(ChatRole.User, new string('x', 400))], new ChatOptions { MaxOutputTokens = 50 });
        Assert.Equal(4 + 100 + 50, estimate);
    }
}
