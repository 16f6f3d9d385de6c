using Microsoft.Extensions.AI;
using Understudy.Llm.Middleware.Timeouts;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Middleware.Timeouts;

public class AttemptTimeoutChatClientTests
{
    private static TestChatClient Hanging() => new()
    {
        GetResponseAsyncCallback = async (_, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        },
    };

    [Fact]
    public async Task A_missed_deadline_becomes_a_TimeoutException()
    {
        using var client = new AttemptTimeoutChatClient(Hanging(), TimeSpan.FromMilliseconds(100));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.GetResponseAsync("q", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("request_timeout", error.Message);
    }

    [Fact]
    public async Task The_callers_cancellation_stays_a_cancellation()
    {
        using var client = new AttemptTimeoutChatClient(Hanging(), TimeSpan.FromMinutes(5));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync("q", cancellationToken: cts.Token));

        Assert.IsNotType<TimeoutException>(error.InnerException);
    }

    [Fact]
    public async Task A_stream_that_stops_sending_times_out()
    {
        var inner = new TestChatClient { GetStreamingResponseAsyncCallback = (_, _, ct) => OneUpdateThenSilence(ct) };
        using var client = new AttemptTimeoutChatClient(inner, TimeSpan.FromMilliseconds(150));
        var received = new List<ChatResponseUpdate>();

        await Assert.ThrowsAsync<TimeoutException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("q", cancellationToken: TestContext.Current.CancellationToken))
            {
                received.Add(update);
            }
        });
        Assert.Single(received);

        static async IAsyncEnumerable<ChatResponseUpdate> OneUpdateThenSilence([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, "first");
            await Task.Delay(Timeout.Infinite, ct);
        }
    }
}
