using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Understudy.Llm.Failover;
using Understudy.Testing;
using static Understudy.Llm.Tests.Failover.UnderstudyFailoverChatClientTests;

namespace Understudy.Llm.Tests.Failover;

public sealed class FailoverStreamingTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task A_primary_failing_before_its_first_update_switches_to_the_fallback_stream()
    {
        using var client = new UnderstudyFailoverChatClient(
            Failing(new HttpRequestException("502")), Answering("understudy streams", "student"), new FailoverOptions { TimeProvider = _clock });

        var updates = await ReadAllAsync(client.GetStreamingResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("understudy streams", updates.ToChatResponse().Text);
        Assert.All(updates, u => Assert.Equal(FailoverRoutes.Fallback, u.AdditionalProperties?[FailoverRoutes.PropertyName]));
        Assert.All(updates, u => Assert.Equal("student", u.ModelId));
    }

    [Fact]
    public async Task A_primary_failing_after_its_first_update_surfaces_the_error_and_never_mixes_answers()
    {
        var primary = new TestChatClient { GetStreamingResponseAsyncCallback = (_, _, ct) => BreaksAfterFirstUpdate(ct) };
        var fallback = Answering("understudy", "student");
        using var client = new UnderstudyFailoverChatClient(primary, fallback, new FailoverOptions { TimeProvider = _clock });
        var seen = new List<ChatResponseUpdate>();

        var error = await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken))
            {
                seen.Add(update);
            }
        });

        Assert.Equal("connection reset", error.Message);
        Assert.Equal("Once upon", Assert.Single(seen).Text);
        Assert.Equal(FailoverRoutes.Primary, seen[0].AdditionalProperties?[FailoverRoutes.PropertyName]);
        Assert.Equal(0, fallback.CallCount);
    }

    [Fact]
    public async Task The_primary_deadline_covers_only_the_first_update()
    {
        var primary = new TestChatClient { GetStreamingResponseAsyncCallback = (_, _, ct) => SlowAfterFirstUpdate(ct) };
        using var client = new UnderstudyFailoverChatClient(primary, Answering("understudy", "student"),
            new FailoverOptions { TimeProvider = _clock, PrimaryTimeout = TimeSpan.FromSeconds(2) });

        var updates = await ReadAllAsync(client.GetStreamingResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("Once upon a time", updates.ToChatResponse().Text);
        Assert.All(updates, u => Assert.Equal(FailoverRoutes.Primary, u.AdditionalProperties?[FailoverRoutes.PropertyName]));
    }

    [Fact]
    public async Task A_primary_whose_first_update_misses_the_deadline_switches_to_the_fallback()
    {
        var primary = new TestChatClient { GetStreamingResponseAsyncCallback = (_, _, ct) => HangsBeforeFirstUpdate(ct) };
        using var client = new UnderstudyFailoverChatClient(primary, Answering("understudy", "student"),
            new FailoverOptions { TimeProvider = _clock, PrimaryTimeout = TimeSpan.FromSeconds(2) });

        var updates = await ReadAllAsync(client.GetStreamingResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("understudy", updates.ToChatResponse().Text);
    }

    private static async Task<List<ChatResponseUpdate>> ReadAllAsync(IAsyncEnumerable<ChatResponseUpdate> stream)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in stream)
        {
            updates.Add(update);
        }

        return updates;
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> BreaksAfterFirstUpdate([EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        yield return new ChatResponseUpdate(ChatRole.Assistant, "Once upon");
        ct.ThrowIfCancellationRequested();
        throw new HttpRequestException("connection reset");
    }

    private async IAsyncEnumerable<ChatResponseUpdate> SlowAfterFirstUpdate([EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        yield return new ChatResponseUpdate(ChatRole.Assistant, "Once upon");
        _clock.Advance(TimeSpan.FromSeconds(10)); // far past the first-update deadline
        ct.ThrowIfCancellationRequested();
        yield return new ChatResponseUpdate(ChatRole.Assistant, " a time");
    }

    private async IAsyncEnumerable<ChatResponseUpdate> HangsBeforeFirstUpdate([EnumeratorCancellation] CancellationToken ct)
    {
        _clock.Advance(TimeSpan.FromSeconds(3));
        await Task.Delay(Timeout.Infinite, ct);
        yield return new ChatResponseUpdate(ChatRole.Assistant, "never");
    }
}
