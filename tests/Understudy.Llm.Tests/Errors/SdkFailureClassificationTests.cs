using Microsoft.Extensions.AI;
using Understudy.Llm.Errors;
using Understudy.Llm.Providers;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Errors;

/// <summary>The classifier on the exceptions the real SDKs throw for real HTTP answers.</summary>
public class SdkFailureClassificationTests
{
    private static readonly ServiceChatClientFactory Factory = new(new ApiKeyResolver(_ => null));

    private static async Task<ServiceFailure?> FailureFromAsync(IChatClient client)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(
            () => client.GetResponseAsync("q", new ChatOptions { MaxOutputTokens = 10 }, TestContext.Current.CancellationToken));
        return ServiceFailureClassifier.Classify(error);
    }

    [Fact]
    public async Task OpenAi_429_carries_its_status_and_Retry_After_in_seconds()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(_ => ScriptedReply.TooManyRequests(TimeSpan.FromSeconds(7)));
        using var client = Factory.CreateProviderClient(server.ServiceOptions());

        var failure = await FailureFromAsync(client);

        Assert.Equal(429, failure?.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), failure?.RetryAfter);
        Assert.True(failure?.IsTransient);
    }

    [Fact]
    public async Task OpenAi_429_carries_a_Retry_After_http_date()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(_ => ScriptedReply.TooManyRequestsUntil(DateTimeOffset.UtcNow.AddMinutes(2)));
        using var client = Factory.CreateProviderClient(server.ServiceOptions());

        var failure = await FailureFromAsync(client);

        Assert.InRange(failure!.RetryAfter!.Value, TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(121));
    }

    [Theory]
    [InlineData(400, false)]
    [InlineData(404, false)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    public async Task OpenAi_statuses_are_classified(int status, bool transient)
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(_ => ScriptedReply.Error(status));
        using var client = Factory.CreateProviderClient(server.ServiceOptions());

        var failure = await FailureFromAsync(client);

        Assert.Equal((status, transient), (failure?.StatusCode, failure?.IsTransient));
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(529, true)]
    [InlineData(400, false)]
    public async Task Anthropic_statuses_are_classified(int status, bool transient)
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(_ => ScriptedReply.Error(status));
        using var client = Factory.CreateProviderClient(server.AnthropicServiceOptions());

        var failure = await FailureFromAsync(client);

        Assert.Equal((status, transient), (failure?.StatusCode, failure?.IsTransient));
    }

    [Fact]
    public async Task A_malformed_OpenAi_body_is_a_transient_failure()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(_ => ScriptedReply.Malformed());
        using var client = Factory.CreateProviderClient(server.ServiceOptions());

        Assert.True((await FailureFromAsync(client))?.IsTransient);
    }
}
