using Microsoft.Extensions.AI;
using Understudy.Llm.Providers;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Providers;

public class ServiceChatClientFactoryTests
{
    private static readonly ServiceChatClientFactory Factory = new(new ApiKeyResolver(_ => null));

    [Fact]
    public async Task OpenAi_client_sends_the_conversation_and_options_and_reads_the_reply_and_usage()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(
            r => ScriptedReply.Text($"echo: {r.LastUserText}") with { PromptTokens = 12, CompletionTokens = 3 });
        using var client = Factory.CreateProviderClient(server.ServiceOptions("gpt-4o-mini"));

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "be brief"), new ChatMessage(ChatRole.User, "hello")],
            new ChatOptions { Temperature = 0.25f, TopP = 0.5f, MaxOutputTokens = 64, Seed = 7, StopSequences = ["END"] },
            TestContext.Current.CancellationToken);

        Assert.Equal("echo: hello", response.Text);
        Assert.Equal(12, response.Usage?.InputTokenCount);
        Assert.Equal(3, response.Usage?.OutputTokenCount);
        var request = Assert.Single(server.Requests);
        Assert.Equal("gpt-4o-mini", request.Model);
        Assert.Equal("be brief", request.SystemText);
        Assert.Equal(0.25, request.Temperature!.Value, 3);
        Assert.Equal(0.5, request.TopP!.Value, 3);
        Assert.Equal(64, request.MaxTokens);
        Assert.Equal(7, request.Seed);
        Assert.Equal(["END"], request.Stop);
        Assert.False(request.Stream);
    }

    [Fact]
    public async Task OpenAi_client_streams_the_reply_in_pieces()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync("a reply long enough to arrive in several chunks");
        using var client = Factory.CreateProviderClient(server.ServiceOptions());

        var updates = await client.GetStreamingResponseAsync("hi", cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.True(updates.Count(u => u.Text.Length > 0) > 1);
        Assert.Equal("a reply long enough to arrive in several chunks", string.Concat(updates.Select(u => u.Text)));
        Assert.True(Assert.Single(server.Requests).Stream);
    }

    [Fact]
    public async Task OpenAi_client_sends_the_key_found_in_the_environment_as_a_bearer_token()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync("ok");
        var factory = new ServiceChatClientFactory(new ApiKeyResolver(name => name == "OPENAI_API_KEY" ? "sk-test-123" : null));
        using var client = factory.CreateProviderClient(server.ServiceOptions());

        await client.GetResponseAsync("hi", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("sk-test-123", Assert.Single(server.Requests).ApiKey);
    }

    [Fact]
    public async Task Gemini_uses_the_openai_wire_format_at_its_base_url()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync("gemini says hi");
        using var client = Factory.CreateProviderClient(server.ServiceOptions("gemini-2.0-flash") with { Provider = "gemini" });

        var response = await client.GetResponseAsync("hi", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("gemini says hi", response.Text);
        Assert.Equal("gemini-2.0-flash", Assert.Single(server.Requests).Model);
    }

    [Fact]
    public async Task Anthropic_client_maps_the_request_onto_the_messages_api()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(
            r => ScriptedReply.Text($"claude: {r.LastUserText}") with { PromptTokens = 20, CompletionTokens = 4 });
        var factory = new ServiceChatClientFactory(new ApiKeyResolver(name => name == "ANTHROPIC_API_KEY" ? "sk-ant-test" : null));
        using var client = factory.CreateProviderClient(server.AnthropicServiceOptions("claude-3-5-haiku-latest"));

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "you are a judge"), new ChatMessage(ChatRole.User, "score this")],
            new ChatOptions { StopSequences = ["</score>"], MaxOutputTokens = 256 },
            TestContext.Current.CancellationToken);

        Assert.Equal("claude: score this", response.Text);
        Assert.Equal(20, response.Usage?.InputTokenCount);
        Assert.Equal(4, response.Usage?.OutputTokenCount);
        var request = Assert.Single(server.Requests);
        Assert.Equal(ScriptedApi.AnthropicMessages, request.Api);
        Assert.Equal("claude-3-5-haiku-latest", request.Model);
        Assert.Equal("you are a judge", request.SystemText);
        Assert.Equal(256, request.MaxTokens);
        Assert.Equal(["</score>"], request.Stop);
        Assert.Equal("sk-ant-test", request.ApiKey);
    }

    [Fact]
    public void CreateProviderClient_requires_a_model_name()
    {
        var error = Assert.Throws<ServiceLlmConfigurationException>(
            () => Factory.CreateProviderClient(new ServiceLlmOptions { BaseUrl = new Uri("http://127.0.0.1:1/v1/") }));
        Assert.Contains("service_model_name", error.Message);
    }
}
