using Microsoft.Extensions.AI;
using Understudy.Llm.Failover;
using Understudy.Llm.Failover.CircuitBreaking;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Failover;

public sealed class UnderstudyFailoverChatClientTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task A_healthy_primary_answers_and_the_response_names_its_route_and_model()
    {
        var fallback = Answering("understudy says hi", "tiny-student");
        using var client = Failover(Answering("service says hi", "gpt-4o-mini"), fallback);

        var response = await client.GetResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("service says hi", response.Text);
        Assert.Equal("gpt-4o-mini", response.ModelId);
        Assert.Equal(FailoverRoutes.Primary, response.AdditionalProperties?[FailoverRoutes.PropertyName]);
        Assert.Equal(0, fallback.CallCount);
    }

    [Fact]
    public async Task A_failing_primary_is_answered_by_the_fallback()
    {
        using var client = Failover(Failing(new HttpRequestException("503 Service Unavailable")), Answering("understudy answer", "tiny-student"));

        var response = await client.GetResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("understudy answer", response.Text);
        Assert.Equal("tiny-student", response.ModelId);
        Assert.Equal(FailoverRoutes.Fallback, response.AdditionalProperties?[FailoverRoutes.PropertyName]);
    }

    [Fact]
    public async Task An_open_circuit_skips_the_primary_until_a_probe_succeeds_after_the_break()
    {
        var healthy = false;
        var primary = new TestChatClient
        {
            GetResponseAsyncCallback = (_, _, _) => healthy
                ? Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "service")) { ModelId = "gpt" })
                : Task.FromException<ChatResponse>(new HttpRequestException("500")),
        };
        using var client = Failover(primary, Answering("understudy", "student"), breaker: new() { ConsecutiveFailureThreshold = 2 });
        var ct = TestContext.Current.CancellationToken;

        await client.GetResponseAsync("1", cancellationToken: ct);
        await client.GetResponseAsync("2", cancellationToken: ct);
        var whileOpen = await client.GetResponseAsync("3", cancellationToken: ct);
        Assert.Equal(2, primary.CallCount);
        Assert.Equal("understudy", whileOpen.Text);
        Assert.Equal(CircuitState.Open, client.Breaker.State);

        healthy = true;
        _clock.Advance(TimeSpan.FromSeconds(30));
        var probe = await client.GetResponseAsync("4", cancellationToken: ct);

        Assert.Equal("service", probe.Text);
        Assert.Equal(3, primary.CallCount);
        Assert.Equal(CircuitState.Closed, client.Breaker.State);
    }

    [Fact]
    public async Task A_primary_that_misses_its_deadline_is_cancelled_and_the_fallback_answers()
    {
        CancellationToken primaryToken = default;
        var primary = new TestChatClient
        {
            GetResponseAsyncCallback = async (_, _, ct) =>
            {
                primaryToken = ct;
                _clock.Advance(TimeSpan.FromSeconds(5)); // the service hangs past the 2 s deadline
                await Task.Delay(Timeout.Infinite, ct);
                throw new InvalidOperationException("unreachable");
            },
        };
        using var client = Failover(primary, Answering("understudy", "student"), primaryTimeout: TimeSpan.FromSeconds(2));

        var response = await client.GetResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("understudy", response.Text);
        Assert.True(primaryToken.IsCancellationRequested);
    }

    [Fact]
    public async Task A_primary_over_its_latency_budget_still_answers_but_counts_as_a_failure()
    {
        var primary = new TestChatClient
        {
            GetResponseAsyncCallback = (_, _, _) =>
            {
                _clock.Advance(TimeSpan.FromSeconds(3));
                return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "slow service")));
            },
        };
        using var client = Failover(primary, Answering("understudy", "student"),
            breaker: new() { ConsecutiveFailureThreshold = 1 }, latencyBudget: TimeSpan.FromSeconds(2));

        var response = await client.GetResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("slow service", response.Text);
        Assert.Equal(CircuitState.Open, client.Breaker.State);
    }

    [Fact]
    public async Task When_both_fail_the_error_names_both_causes()
    {
        using var client = Failover(Failing(new HttpRequestException("503")), Failing(new InvalidOperationException("model not loaded")));

        var error = await Assert.ThrowsAsync<FailoverExhaustedException>(
            () => client.GetResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken));

        Assert.IsType<HttpRequestException>(error.PrimaryException);
        Assert.Contains("model not loaded", error.Message);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_a_failover()
    {
        using var cts = new CancellationTokenSource();
        var primary = new TestChatClient
        {
            GetResponseAsyncCallback = async (_, _, ct) =>
            {
                await cts.CancelAsync();
                ct.ThrowIfCancellationRequested();
                return new ChatResponse();
            },
        };
        var fallback = Answering("understudy", "student");
        using var client = Failover(primary, fallback, breaker: new() { ConsecutiveFailureThreshold = 1 });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync("hello", cancellationToken: cts.Token));

        Assert.Equal(0, fallback.CallCount);
        Assert.Equal(CircuitState.Closed, client.Breaker.State);
    }

    [Fact]
    public async Task UseFailover_puts_the_fallback_behind_the_built_pipeline()
    {
        using var client = new ChatClientBuilder(Failing(new HttpRequestException("503")))
            .UseFailover(Answering("understudy", "student"), new FailoverOptions { TimeProvider = _clock })
            .Build();

        var response = await client.GetResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(FailoverRoutes.Fallback, response.AdditionalProperties?[FailoverRoutes.PropertyName]);
        Assert.NotNull(client.GetService<UnderstudyFailoverChatClient>());
    }

    internal static TestChatClient Answering(string text, string model) => new()
    {
        Metadata = new ChatClientMetadata("test", null, model),
        GetResponseAsyncCallback = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text))),
    };

    internal static TestChatClient Failing(Exception error) => new()
    {
        GetResponseAsyncCallback = (_, _, _) => Task.FromException<ChatResponse>(error),
        GetStreamingResponseAsyncCallback = (_, _, _) => Throwing(error),
    };

    private static async IAsyncEnumerable<ChatResponseUpdate> Throwing(Exception error)
    {
        await Task.Yield();
        if (error is not null)
        {
            throw error;
        }

        yield break;
    }

    private UnderstudyFailoverChatClient Failover(
        IChatClient primary, IChatClient fallback, CircuitBreakerOptions? breaker = null,
        TimeSpan? primaryTimeout = null, TimeSpan? latencyBudget = null) =>
        new(primary, fallback, new FailoverOptions
        {
            CircuitBreaker = breaker ?? new CircuitBreakerOptions(),
            PrimaryTimeout = primaryTimeout,
            LatencyBudget = latencyBudget,
            TimeProvider = _clock,
        });
}
