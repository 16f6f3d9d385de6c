using System.Net;
using Microsoft.Extensions.AI;
using Understudy.Llm.Errors;
using Understudy.Llm.Middleware.Retries;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Middleware.Retries;

public class RetryingChatClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A client that fails with the given exceptions in turn, then answers "ok".</summary>
    private static TestChatClient FailingThenAnswering(params Exception[] failures)
    {
        var calls = 0;
        return new TestChatClient
        {
            GetResponseAsyncCallback = (_, _, _) =>
            {
                var call = Interlocked.Increment(ref calls);
                return call <= failures.Length
                    ? Task.FromException<ChatResponse>(failures[call - 1])
                    : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));
            },
        };
    }

    private static HttpRequestException Status(HttpStatusCode status) => new($"HTTP {(int)status}", null, status);

    [Fact]
    public async Task Transient_failures_are_retried_until_a_call_succeeds()
    {
        var inner = FailingThenAnswering(Status(HttpStatusCode.TooManyRequests), Status(HttpStatusCode.InternalServerError), new TimeoutException());
        var clock = new AutoAdvancingTimeProvider();
        var retries = new List<RetryAttempt>();
        using var client = new RetryingChatClient(inner, new RetryOptions { OnRetry = retries.Add }, clock);

        var response = await client.GetResponseAsync("q", cancellationToken: Ct);

        Assert.Equal("ok", response.Text);
        Assert.Equal(4, inner.CallCount);
        Assert.Equal([1, 2, 3], retries.Select(r => r.FailedAttempt));
        Assert.Equal([429, 500, null], retries.Select(r => r.Failure.StatusCode));
    }

    [Fact]
    public async Task Backoff_grows_exponentially_within_full_jitter_and_the_cap()
    {
        var failures = Enumerable.Range(0, 7).Select(_ => (Exception)Status(HttpStatusCode.ServiceUnavailable)).ToArray();
        var clock = new AutoAdvancingTimeProvider();
        var options = new RetryOptions { MaxAttempts = 8, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10), Random = new Random(42) };
        using var client = new RetryingChatClient(FailingThenAnswering(failures), options, clock);

        await client.GetResponseAsync("q", cancellationToken: Ct);

        Assert.Equal(7, clock.Waits.Count);
        for (var i = 0; i < clock.Waits.Count; i++)
        {
            var cap = TimeSpan.FromSeconds(Math.Min(10, Math.Pow(2, i)));
            Assert.InRange(clock.Waits[i], TimeSpan.Zero, cap);
        }
    }

    [Fact]
    public async Task Retry_After_is_waited_for_at_least()
    {
        var inner = FailingThenAnswering(new ServiceLlmException("slow down", 429, TimeSpan.FromSeconds(30), isTransient: true));
        var clock = new AutoAdvancingTimeProvider();
        using var client = new RetryingChatClient(inner, new RetryOptions { BaseDelay = TimeSpan.FromSeconds(1) }, clock);

        await client.GetResponseAsync("q", cancellationToken: Ct);

        var wait = Assert.Single(clock.Waits);
        Assert.InRange(wait, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(31));
    }

    [Fact]
    public async Task Giving_up_throws_a_ServiceLlmException_with_the_attempts_and_the_last_status()
    {
        var failures = Enumerable.Range(0, 3).Select(_ => (Exception)Status(HttpStatusCode.TooManyRequests)).ToArray();
        using var client = new RetryingChatClient(FailingThenAnswering(failures), new RetryOptions { MaxAttempts = 3 }, new AutoAdvancingTimeProvider());

        var error = await Assert.ThrowsAsync<ServiceLlmException>(() => client.GetResponseAsync("q", cancellationToken: Ct));

        Assert.Equal(3, error.Attempts);
        Assert.Equal(429, error.StatusCode);
        Assert.Contains("3 times", error.Message);
        Assert.Contains("HTTP 429", error.Message);
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        var inner = FailingThenAnswering(Status(HttpStatusCode.BadRequest));
        using var client = new RetryingChatClient(inner, timeProvider: new AutoAdvancingTimeProvider());

        var error = await Assert.ThrowsAsync<ServiceLlmException>(() => client.GetResponseAsync("q", cancellationToken: Ct));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal(1, inner.CallCount);
    }

    [Fact]
    public async Task Exceptions_that_are_not_service_failures_pass_through_unchanged()
    {
        var inner = FailingThenAnswering(new ArgumentException("a bug"));
        using var client = new RetryingChatClient(inner, timeProvider: new AutoAdvancingTimeProvider());

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync("q", cancellationToken: Ct));
        Assert.Equal(1, inner.CallCount);
    }

    [Fact]
    public async Task A_wait_longer_than_allowed_fails_at_once()
    {
        var inner = FailingThenAnswering(new ServiceLlmException("daily quota", 429, TimeSpan.FromHours(5), isTransient: true));
        using var client = new RetryingChatClient(inner, new RetryOptions { MaxRetryAfter = TimeSpan.FromMinutes(1) }, new AutoAdvancingTimeProvider());

        var error = await Assert.ThrowsAsync<ServiceLlmException>(() => client.GetResponseAsync("q", cancellationToken: Ct));
        Assert.Contains("longer than", error.Message);
        Assert.Equal(1, inner.CallCount);
    }

    [Fact]
    public async Task A_stream_is_retried_when_it_fails_before_its_first_update()
    {
        var inner = FailingThenAnswering(Status(HttpStatusCode.BadGateway));
        using var client = new RetryingChatClient(inner, timeProvider: new AutoAdvancingTimeProvider());

        var updates = await client.GetStreamingResponseAsync("q", cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal("ok", updates.ToChatResponse().Text);
        Assert.Equal(2, inner.CallCount);
    }

    [Fact]
    public async Task A_stream_that_fails_after_its_first_update_is_not_retried()
    {
        var inner = new TestChatClient { GetStreamingResponseAsyncCallback = (_, _, _) => PartThenFailure() };
        using var client = new RetryingChatClient(inner, timeProvider: new AutoAdvancingTimeProvider());

        await Assert.ThrowsAsync<HttpRequestException>(async () => await client.GetStreamingResponseAsync("q", cancellationToken: Ct).ToListAsync(Ct));
        Assert.Equal(1, inner.CallCount);

        static async IAsyncEnumerable<ChatResponseUpdate> PartThenFailure()
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, "part");
            throw new HttpRequestException("connection reset");
        }
    }
}
