using Microsoft.Extensions.AI;
using Understudy.Llm.Accounting;
using Understudy.Llm.Errors;
using Understudy.Llm.Providers;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Providers;

/// <summary>The anthropic provider (official Anthropic SDK) against the fixture's Anthropic-style /v1/messages.</summary>
public class AnthropicProviderTests
{
    private const string Key = "sk-ant-api03-SECRETSECRET0123";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ServiceChatClientFactory Factory() =>
        new(new ApiKeyResolver(name => name == "ANTHROPIC_API_KEY" ? Key : null), timeProvider: new AutoAdvancingTimeProvider());

    [Fact]
    public async Task A_streamed_message_arrives_whole_with_its_usage()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(
            _ => ScriptedReply.Text("a streamed answer from the messages api") with { PromptTokens = 11, CompletionTokens = 9 });
        var ledger = new UsageLedger();
        using var client = Factory().Create(server.AnthropicServiceOptions("claude-3-5-haiku-latest"), "judge", ledger);

        var updates = await client.GetStreamingResponseAsync("q", new ChatOptions { MaxOutputTokens = 100 }, Ct).ToListAsync(Ct);

        Assert.Equal("a streamed answer from the messages api", updates.ToChatResponse().Text);
        Assert.True(Assert.Single(server.Requests).Stream);
        var entry = Assert.Single(ledger.Snapshot().Entries);
        Assert.Equal((11L, 9L), (entry.InputTokens, entry.OutputTokens));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(529)]
    [InlineData(500)]
    public async Task Transient_statuses_from_Anthropic_are_retried(int status)
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(r => r.Sequence == 1 ? ScriptedReply.Error(status) : ScriptedReply.Text("fine"));
        using var client = Factory().Create(server.AnthropicServiceOptions());

        Assert.Equal("fine", (await client.GetResponseAsync("q", new ChatOptions { MaxOutputTokens = 50 }, Ct)).Text);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task A_rejected_key_is_not_retried_and_is_masked_in_the_error()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(r => ScriptedReply.Error(401, $"invalid x-api-key {r.ApiKey}"));
        using var client = Factory().Create(server.AnthropicServiceOptions());

        var error = await Assert.ThrowsAsync<ServiceLlmException>(() => client.GetResponseAsync("q", new ChatOptions { MaxOutputTokens = 50 }, Ct));

        Assert.Equal(Key, Assert.Single(server.Requests).ApiKey);
        Assert.Equal(401, error.StatusCode);
        Assert.DoesNotContain(Key, error.ToString());
    }
}
