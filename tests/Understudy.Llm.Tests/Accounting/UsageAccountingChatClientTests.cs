using Microsoft.Extensions.AI;
using Understudy.Llm.Accounting;
using Understudy.Llm.Middleware.Caching;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Accounting;

public class UsageAccountingChatClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_answer_is_recorded_under_its_role_and_model()
    {
        var ledger = new UsageLedger();
        using var client = new UsageAccountingChatClient(TestChatClient.Answering("ok", 100, 20), ledger, "judge");

        await client.GetResponseAsync("q", new ChatOptions { ModelId = "gpt-4o-mini" }, Ct);

        var entry = Assert.Single(ledger.Snapshot().Entries);
        Assert.Equal(("judge", "gpt-4o-mini", 1L, 100L, 20L), (entry.Role, entry.Model, entry.Requests, entry.InputTokens, entry.OutputTokens));
        Assert.True(entry.CostUsd > 0);
    }

    [Fact]
    public async Task Streamed_usage_is_recorded_when_the_stream_ends()
    {
        var ledger = new UsageLedger();
        using var client = new UsageAccountingChatClient(TestChatClient.Answering("ok", 7, 3), ledger, "teacher");

        await client.GetStreamingResponseAsync("q", cancellationToken: Ct).ToListAsync(Ct);

        var entry = Assert.Single(ledger.Snapshot().Entries);
        Assert.Equal((7L, 3L), (entry.InputTokens, entry.OutputTokens));
    }

    [Fact]
    public async Task A_failed_call_is_recorded_as_a_failure()
    {
        var ledger = new UsageLedger();
        var inner = new TestChatClient { GetResponseAsyncCallback = (_, _, _) => throw new HttpRequestException("down") };
        using var client = new UsageAccountingChatClient(inner, ledger, "judge");

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("q", cancellationToken: Ct));

        Assert.Equal(1, ledger.Snapshot().Failures);
    }

    [Fact]
    public async Task Answers_from_the_disk_cache_are_counted_as_free_hits()
    {
        var directory = Directory.CreateTempSubdirectory("understudy-ledger-");
        try
        {
            var ledger = new UsageLedger();
            using var client = new ChatClientBuilder(TestChatClient.Answering("ok", 100, 20))
                .UseUsageAccounting(ledger, "judge")
                .UseDiskCache(directory.FullName)
                .Build();

            await client.GetResponseAsync("q", new ChatOptions { ModelId = "gpt-4o" }, Ct);
            await client.GetResponseAsync("q", new ChatOptions { ModelId = "gpt-4o" }, Ct);

            var entry = Assert.Single(ledger.Snapshot().Entries);
            Assert.Equal((2L, 1L, 100L), (entry.Requests, entry.CacheHits, entry.InputTokens));
            Assert.Equal(ModelPriceTable.Default.Find("gpt-4o")!.Cost(100, 20), entry.CostUsd);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
