using Microsoft.Extensions.AI;
using Understudy.Llm.Accounting;

namespace Understudy.Llm.Tests.Accounting;

public class UsageLedgerTests
{
    private static UsageDetails Usage(long input, long output) => new() { InputTokenCount = input, OutputTokenCount = output };

    [Fact]
    public void Totals_are_kept_per_role_and_model_with_their_cost()
    {
        var ledger = new UsageLedger();
        ledger.RecordResponse("judge", "gpt-4o", Usage(1_000_000, 0), cacheHit: false);
        ledger.RecordResponse("judge", "gpt-4o", Usage(0, 100_000), cacheHit: false);
        ledger.RecordResponse("generator", "gpt-4o-mini", Usage(1_000_000, 1_000_000), cacheHit: false);

        var snapshot = ledger.Snapshot();

        var judge = Assert.Single(snapshot.ForRole("judge"));
        Assert.Equal(2, judge.Requests);
        Assert.Equal(1_000_000, judge.InputTokens);
        Assert.Equal(100_000, judge.OutputTokens);
        Assert.Equal(2.50m + 1.00m, judge.CostUsd);
        Assert.Equal(0.75m, Assert.Single(snapshot.ForRole("generator")).CostUsd);
        Assert.Equal(4.25m, snapshot.CostUsd);
        Assert.Equal(3, snapshot.Requests);
    }

    [Fact]
    public void Cache_hits_count_as_requests_with_no_tokens_and_no_cost()
    {
        var ledger = new UsageLedger();
        ledger.RecordResponse("judge", "gpt-4o", Usage(500, 50), cacheHit: true);

        var entry = Assert.Single(ledger.Snapshot().Entries);

        Assert.Equal(1, entry.Requests);
        Assert.Equal(1, entry.CacheHits);
        Assert.Equal(0, entry.InputTokens);
        Assert.Equal(0m, entry.CostUsd);
    }

    [Fact]
    public void Failures_retries_and_unpriced_models_are_reported()
    {
        var ledger = new UsageLedger();
        ledger.RecordFailure("judge", "gpt-4o");
        ledger.RecordRetry("judge", "gpt-4o");
        ledger.RecordResponse("teacher", "my-vllm-model", Usage(10, 10), cacheHit: false);

        var snapshot = ledger.Snapshot();

        Assert.Equal(1, snapshot.Failures);
        Assert.Equal(1, snapshot.Retries);
        Assert.Equal(["my-vllm-model"], snapshot.UnpricedModels);
    }

    [Fact]
    public async Task Concurrent_recording_loses_nothing()
    {
        var ledger = new UsageLedger();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                ledger.RecordResponse(worker % 2 == 0 ? "judge" : "generator", "gpt-4o-mini", Usage(3, 2), cacheHit: i % 10 == 0);
            }
        })));

        var snapshot = ledger.Snapshot();
        Assert.Equal(4000, snapshot.Requests);
        Assert.Equal(400, snapshot.CacheHits);
        Assert.Equal(3600 * 3, snapshot.InputTokens);
        Assert.Equal(3600 * 2, snapshot.OutputTokens);
    }

    [Fact]
    public void A_price_table_override_is_used()
    {
        var ledger = new UsageLedger(ModelPriceTable.Default.With(new Dictionary<string, ModelPrice> { ["gpt-4o"] = new(1m, 1m) }));
        ledger.RecordResponse("judge", "gpt-4o", Usage(1_000_000, 1_000_000), cacheHit: false);
        Assert.Equal(2m, ledger.Snapshot().CostUsd);
    }

    [Fact]
    public void Describe_gives_one_readable_line_per_role_and_model()
    {
        var ledger = new UsageLedger();
        ledger.RecordResponse("judge", "gpt-4o-mini", Usage(45_000, 3_000), cacheHit: false);
        ledger.RecordResponse("judge", "gpt-4o-mini", Usage(1, 1), cacheHit: true);
        ledger.RecordRetry("judge", "gpt-4o-mini");
        ledger.RecordResponse("teacher", "local-model", Usage(5, 5), cacheHit: false);

        Assert.Equal(
            [
                "judge gpt-4o-mini: 2 requests (1 cached, 1 retries, 0 failed), 45,000 in / 3,000 out tokens, $0.0086",
                "teacher local-model: 1 requests (0 cached, 0 retries, 0 failed), 5 in / 5 out tokens, no price known",
            ],
            ledger.Snapshot().Describe());
    }
}
