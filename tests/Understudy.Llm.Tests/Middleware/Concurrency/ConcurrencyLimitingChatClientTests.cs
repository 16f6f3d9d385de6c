using Microsoft.Extensions.AI;
using Understudy.Llm.Middleware.Concurrency;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Middleware.Concurrency;

public class ConcurrencyLimitingChatClientTests
{
    [Fact]
    public async Task No_more_calls_than_the_limit_are_in_flight()
    {
        var inFlight = 0;
        var most = 0;
        var release = new TaskCompletionSource();
        var inner = new TestChatClient
        {
            GetResponseAsyncCallback = async (_, _, ct) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref most, now);
                await release.Task.WaitAsync(ct);
                Interlocked.Decrement(ref inFlight);
                return new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"));
            },
        };
        using var client = new ConcurrencyLimitingChatClient(inner, maxConcurrency: 2);

        var calls = Enumerable.Range(0, 6).Select(_ => client.GetResponseAsync("q", cancellationToken: TestContext.Current.CancellationToken)).ToList();
        while (inner.CallCount < 2)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.Equal(2, client.InFlight);
        Assert.Equal(2, inner.CallCount);
        release.SetResult();
        await Task.WhenAll(calls);

        Assert.Equal(2, most);
        Assert.Equal(6, inner.CallCount);
        Assert.Equal(0, client.InFlight);
    }

    [Fact]
    public async Task A_failed_call_gives_its_slot_back()
    {
        var inner = new TestChatClient { GetResponseAsyncCallback = (_, _, _) => throw new HttpRequestException("down") };
        using var client = new ConcurrencyLimitingChatClient(inner, maxConcurrency: 1);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("q", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(0, client.InFlight);
    }

    [Fact]
    public void The_limit_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConcurrencyLimitingChatClient(new TestChatClient(), 0));

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
