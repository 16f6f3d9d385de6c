using Microsoft.Extensions.AI;
using Understudy.Llm.Accounting;
using Understudy.Llm.Errors;
using Understudy.Llm.Providers;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Providers;

/// <summary>The composed service pipeline against a real HTTP server that injects faults.</summary>
public class ServicePipelineFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A factory with no keys in its environment whose retries wait on a clock that needs no real time.</summary>
    private static ServiceChatClientFactory Factory() => new(new ApiKeyResolver(_ => null), timeProvider: new AutoAdvancingTimeProvider());

    /// <summary>Each prompt fails once with <paramref name="fault"/>, then is answered.</summary>
    private static Func<ChatRequest, ScriptedReply> FailFirstAttemptOfEachPrompt(Func<ScriptedReply> fault)
    {
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        return request => seen.AddOrUpdate(request.LastUserText, 1, (_, n) => n + 1) == 1
            ? fault()
            : ScriptedReply.Text($"answer to {request.LastUserText}");
    }

    public static TheoryData<string> Faults => ["429 seconds", "429 date", "500", "503", "malformed", "timeout"];

    private static ScriptedReply Fault(string name) => name switch
    {
        "429 seconds" => ScriptedReply.TooManyRequests(TimeSpan.FromSeconds(1)),
        "429 date" => ScriptedReply.TooManyRequestsUntil(DateTimeOffset.UtcNow.AddSeconds(2)),
        "500" => ScriptedReply.Error(500),
        "503" => ScriptedReply.Error(503),
        "malformed" => ScriptedReply.Malformed(),
        "timeout" => ScriptedReply.HangUntilCancelled(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_transient_fault_is_retried_and_the_call_succeeds(string fault)
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(FailFirstAttemptOfEachPrompt(() => Fault(fault)));
        var ledger = new UsageLedger();
        var options = server.ServiceOptions("gpt-4o-mini") with { RequestTimeout = TimeSpan.FromMilliseconds(500) };
        using var client = Factory().Create(options, "judge", ledger);

        var response = await client.GetResponseAsync("q1", cancellationToken: Ct);

        Assert.Equal("answer to q1", response.Text);
        Assert.Equal(2, server.RequestCount);
        var usage = ledger.Snapshot();
        Assert.Equal((1L, 1L, 0L), (usage.Requests, usage.Retries, usage.Failures));
    }

    [Fact]
    public async Task Parallel_calls_through_faults_are_each_answered_exactly_once()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(FailFirstAttemptOfEachPrompt(() => ScriptedReply.TooManyRequests(TimeSpan.FromSeconds(1))));
        using var client = Factory().Create(server.ServiceOptions() with { MaxConcurrency = 4, RateLimitPerMinute = 6000 });
        var prompts = Enumerable.Range(0, 20).Select(i => $"p{i}").ToList();

        var answers = await Task.WhenAll(prompts.Select(p => client.GetResponseAsync(p, cancellationToken: Ct)));

        Assert.Equal(prompts.Select(p => $"answer to {p}"), answers.Select(a => a.Text));
        Assert.Equal(40, server.RequestCount);
        Assert.All(server.Requests.GroupBy(r => r.LastUserText), g => Assert.Equal(2, g.Count()));
    }

    [Fact]
    public async Task Giving_up_reports_the_attempts_and_the_last_status()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(_ => ScriptedReply.Error(503, "overloaded"));
        var ledger = new UsageLedger();
        using var client = Factory().Create(server.ServiceOptions() with { MaxRetries = 2 }, "judge", ledger);

        var error = await Assert.ThrowsAsync<ServiceLlmException>(() => client.GetResponseAsync("q", cancellationToken: Ct));

        Assert.Equal(3, error.Attempts);
        Assert.Equal(503, error.StatusCode);
        Assert.Equal(3, server.RequestCount);
        Assert.Equal((1L, 2L), (ledger.Snapshot().Failures, ledger.Snapshot().Retries));
    }

    [Fact]
    public async Task A_rejected_key_is_not_retried_and_never_appears_in_the_error()
    {
        const string key = "sk-proj-SECRET0123456789abcdef";
        await using var server = await ScriptedOpenAiServer.StartAsync(
            request => ScriptedReply.Error(401, $"Incorrect API key provided: {request.ApiKey}. You can find your API key at ..."));
        var factory = new ServiceChatClientFactory(new ApiKeyResolver(name => name == "SERVICE_LLM_API_KEY" ? key : null));
        using var client = factory.Create(server.ServiceOptions());

        var error = await Assert.ThrowsAsync<ServiceLlmException>(() => client.GetResponseAsync("q", cancellationToken: Ct));

        Assert.Equal(key, Assert.Single(server.Requests).ApiKey);
        Assert.Equal(401, error.StatusCode);
        Assert.DoesNotContain(key, error.ToString());
        Assert.DoesNotContain(key, error.Message);
        Assert.Contains("sk-****", error.Message);
    }

    [Theory]
    [InlineData("85/100")]
    [InlineData("140")]
    [InlineData("{\"similarity_score\": 85, \"precision_score\": 90}")]
    public async Task Judge_answers_reach_the_caller_verbatim(string answer)
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(answer);
        using var client = Factory().Create(server.ServiceOptions());

        Assert.Equal(answer, (await client.GetResponseAsync("score it", cancellationToken: Ct)).Text);
    }
}
