using Understudy.Llm.Middleware.RateLimiting;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Middleware.RateLimiting;

public class TokenBucketTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_full_bucket_serves_its_capacity_without_waiting()
    {
        var clock = new AutoAdvancingTimeProvider();
        using var bucket = new TokenBucket(capacity: 5, refillPerSecond: 1, clock);

        for (var i = 0; i < 5; i++)
        {
            await bucket.AcquireAsync(1, Ct);
        }

        Assert.Equal(TimeSpan.Zero, clock.Elapsed);
    }

    [Fact]
    public async Task Once_empty_the_bucket_serves_exactly_its_refill_rate()
    {
        var clock = new AutoAdvancingTimeProvider();
        using var bucket = new TokenBucket(capacity: 1, refillPerSecond: 2, clock);

        for (var i = 0; i < 21; i++)
        {
            await bucket.AcquireAsync(1, Ct);
        }

        // 1 from the full bucket, then 20 at 2 per second.
        Assert.InRange(clock.Elapsed.TotalSeconds, 9.99, 10.1);
    }

    [Fact]
    public async Task A_debt_from_reconciliation_is_waited_off_by_the_next_caller()
    {
        var clock = new AutoAdvancingTimeProvider();
        using var bucket = new TokenBucket(capacity: 10, refillPerSecond: 10, clock);
        await bucket.AcquireAsync(10, Ct);

        bucket.Adjust(-50);
        await bucket.AcquireAsync(1, Ct);

        Assert.InRange(clock.Elapsed.TotalSeconds, 5.09, 5.2);
    }

    [Fact]
    public async Task A_charge_larger_than_the_capacity_passes_and_leaves_a_debt()
    {
        var clock = new AutoAdvancingTimeProvider();
        using var bucket = new TokenBucket(capacity: 10, refillPerSecond: 10, clock);

        await bucket.AcquireAsync(30, Ct);

        Assert.Equal(TimeSpan.Zero, clock.Elapsed);
        Assert.Equal(-20, bucket.Available, 3);
    }

    [Fact]
    public void Credits_never_fill_the_bucket_beyond_its_capacity()
    {
        using var bucket = new TokenBucket(capacity: 10, refillPerSecond: 1, new AutoAdvancingTimeProvider());
        bucket.Adjust(1000);
        Assert.Equal(10, bucket.Available, 3);
    }

    [Fact]
    public async Task A_waiting_caller_can_be_cancelled()
    {
        using var bucket = new TokenBucket(capacity: 1, refillPerSecond: 0.001);
        await bucket.AcquireAsync(1, Ct);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bucket.AcquireAsync(1, cts.Token).AsTask());
    }
}
