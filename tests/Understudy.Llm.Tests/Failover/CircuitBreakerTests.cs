using Understudy.Llm.Failover.CircuitBreaking;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Failover;

public sealed class CircuitBreakerTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void Opens_after_the_consecutive_failure_threshold_and_rejects_until_the_break_ends()
    {
        var breaker = Breaker(new() { ConsecutiveFailureThreshold = 3, FailureRatioThreshold = 0 });

        Fail(breaker, 2);
        Assert.Equal(CircuitState.Closed, breaker.State);
        Fail(breaker, 1);

        Assert.Equal(CircuitState.Open, breaker.State);
        Assert.False(breaker.TryAcquire(out _));
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(breaker.TryAcquire(out _));
    }

    [Fact]
    public void A_success_resets_the_consecutive_failure_count()
    {
        var breaker = Breaker(new() { ConsecutiveFailureThreshold = 3, FailureRatioThreshold = 0 });

        Fail(breaker, 2);
        Succeed(breaker, 1);
        Fail(breaker, 2);

        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    [Fact]
    public void Opens_on_the_failure_ratio_once_the_minimum_throughput_is_reached()
    {
        var breaker = Breaker(new() { ConsecutiveFailureThreshold = 0, FailureRatioThreshold = 0.5, MinimumThroughput = 6 });

        for (var i = 0; i < 2; i++)
        {
            Fail(breaker, 1);
            Succeed(breaker, 1);
        }

        Succeed(breaker, 1);
        Assert.Equal(CircuitState.Closed, breaker.State); // 2 of 5: below the minimum throughput
        Fail(breaker, 1);
        Assert.Equal(CircuitState.Open, breaker.State); // 3 of 6
    }

    [Fact]
    public void Outcomes_older_than_the_sampling_window_do_not_count()
    {
        var breaker = Breaker(new() { ConsecutiveFailureThreshold = 0, FailureRatioThreshold = 0.5, MinimumThroughput = 4, SamplingWindow = TimeSpan.FromSeconds(10) });

        Fail(breaker, 3);
        _clock.Advance(TimeSpan.FromSeconds(11));
        Succeed(breaker, 3);
        Fail(breaker, 1);

        Assert.Equal(CircuitState.Closed, breaker.State); // 1 of the 4 in the window
    }

    [Fact]
    public void Half_open_admits_a_limited_number_of_probes_and_a_success_closes()
    {
        var breaker = Breaker(new() { ConsecutiveFailureThreshold = 1, HalfOpenMaxProbes = 2 });
        var changes = new List<CircuitStateChange>();
        breaker.StateChanged += changes.Add;
        Fail(breaker, 1);
        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.True(breaker.TryAcquire(out var probe1));
        Assert.True(breaker.TryAcquire(out var probe2));
        Assert.False(breaker.TryAcquire(out _));
        Assert.True(probe1.IsProbe && probe2.IsProbe);
        Assert.Equal(CircuitState.HalfOpen, breaker.State);

        breaker.RecordSuccess(probe2);
        breaker.RecordFailure(probe1, "late probe failure"); // from before the transition: ignored

        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Equal([CircuitState.Open, CircuitState.HalfOpen, CircuitState.Closed], changes.Select(c => c.To));
        Assert.Equal("probe succeeded", changes[^1].Reason);
    }

    [Fact]
    public void A_failed_probe_opens_the_circuit_for_another_full_break()
    {
        var breaker = Breaker(new() { ConsecutiveFailureThreshold = 1 });
        Fail(breaker, 1);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(breaker.TryAcquire(out var probe));

        breaker.RecordFailure(probe, "timeout");
        _clock.Advance(TimeSpan.FromSeconds(29));

        Assert.Equal(CircuitState.Open, breaker.State);
        Assert.False(breaker.TryAcquire(out _));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(breaker.TryAcquire(out _));
    }

    [Fact]
    public void A_released_probe_frees_its_slot()
    {
        var breaker = Breaker(new() { ConsecutiveFailureThreshold = 1, HalfOpenMaxProbes = 1 });
        Fail(breaker, 1);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(breaker.TryAcquire(out var probe));
        Assert.False(breaker.TryAcquire(out _));

        breaker.Release(probe);

        Assert.True(breaker.TryAcquire(out _));
    }

    [Fact]
    public void Options_with_no_opening_rule_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Breaker(new() { ConsecutiveFailureThreshold = 0, FailureRatioThreshold = 0 }));
        Assert.Contains("could never open", error.Message);
    }

    private CircuitBreaker Breaker(CircuitBreakerOptions options) => new(options, _clock);

    private static void Fail(CircuitBreaker breaker, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True(breaker.TryAcquire(out var permit));
            breaker.RecordFailure(permit, "HttpRequestException: 503");
        }
    }

    private static void Succeed(CircuitBreaker breaker, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True(breaker.TryAcquire(out var permit));
            breaker.RecordSuccess(permit);
        }
    }
}
