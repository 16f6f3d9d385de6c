using Microsoft.Extensions.AI;
using Understudy.Llm.Accounting;
using Understudy.Llm.Middleware.RateLimiting;
using Understudy.Llm.Providers;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Providers;

public sealed class ServiceChatClientFactoryPipelineTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("understudy-factory-");
    private readonly ServiceChatClientFactory _factory = new(new ApiKeyResolver(_ => null));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Re_running_the_same_requests_costs_nothing_with_a_cache_folder()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(r => ScriptedReply.Text($"score for {r.LastUserText}: 85"));
        var options = server.ServiceOptions("gpt-4o") with { CacheDirectory = Path.Combine(_directory.FullName, "cache") };
        var ledger = new UsageLedger();

        foreach (var run in new[] { 1, 2 })
        {
            using var client = _factory.Create(options, "judge", ledger);
            foreach (var prompt in new[] { "a", "b", "c" })
            {
                Assert.Equal($"score for {prompt}: 85", (await client.GetResponseAsync(prompt, new ChatOptions { Temperature = 0 }, Ct)).Text);
            }
        }

        Assert.Equal(3, server.RequestCount);
        var usage = ledger.Snapshot();
        Assert.Equal((6L, 3L), (usage.Requests, usage.CacheHits));
        Assert.True(usage.CostUsd > 0);
    }

    [Fact]
    public async Task The_generation_config_file_sets_defaults_the_caller_can_override()
    {
        var config = Path.Combine(_directory.FullName, "gpt_gen_configs.yaml");
        await File.WriteAllTextAsync(config, "max_tokens: 2048\ntemperature: 0.3\n", Ct);
        await using var server = await ScriptedOpenAiServer.StartAsync("ok");
        using var client = _factory.Create(server.ServiceOptions() with { GenerationConfigPath = config });

        await client.GetResponseAsync("defaults", cancellationToken: Ct);
        await client.GetResponseAsync("override", new ChatOptions { Temperature = 0.9f }, Ct);

        Assert.Equal((2048, 0.3), (server.Requests[0].MaxTokens, Math.Round(server.Requests[0].Temperature!.Value, 3)));
        Assert.Equal((2048, 0.9), (server.Requests[1].MaxTokens, Math.Round(server.Requests[1].Temperature!.Value, 3)));
    }

    [Fact]
    public async Task Streaming_through_the_pipeline_is_counted_in_the_ledger()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(_ => ScriptedReply.Text("a streamed judgement") with { PromptTokens = 30, CompletionTokens = 5 });
        var ledger = new UsageLedger();
        using var client = _factory.Create(server.ServiceOptions("gpt-4o-mini") with { RateLimitPerMinute = 6000 }, "judge", ledger);

        var text = (await client.GetStreamingResponseAsync("q", cancellationToken: Ct).ToListAsync(Ct)).ToChatResponse().Text;

        Assert.Equal("a streamed judgement", text);
        var entry = Assert.Single(ledger.Snapshot().Entries);
        Assert.Equal(("gpt-4o-mini", 30L, 5L), (entry.Model, entry.InputTokens, entry.OutputTokens));
    }

    [Fact]
    public async Task Clients_that_spend_the_same_quota_share_one_rate_limiter()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync("ok");
        var options = server.ServiceOptions("gpt-4o") with { RateLimitPerMinute = 500, RateLimitTokensPerMinute = 30_000 };

        using var judge = _factory.Create(options, "judge");
        using var generator = _factory.Create(options, "generator");
        using var other = _factory.Create(options with { ModelName = "gpt-4o-mini" }, "teacher");

        var shared = judge.GetService<RateLimitingChatClient>()!.Limiter;
        Assert.Same(shared, generator.GetService<RateLimitingChatClient>()!.Limiter);
        Assert.NotSame(shared, other.GetService<RateLimitingChatClient>()!.Limiter);
        Assert.Equal((500, 30_000), (shared.Options.RequestsPerMinute, shared.Options.TokensPerMinute));
    }

    [Fact]
    public void Without_limits_no_rate_limiter_is_added()
    {
        using var client = _factory.Create(new ServiceLlmOptions { ModelName = "m", BaseUrl = new Uri("http://127.0.0.1:9/v1/") });
        Assert.Null(client.GetService<RateLimitingChatClient>());
    }

    [Fact]
    public void A_missing_key_fails_when_the_client_is_built_naming_the_variables()
    {
        var error = Assert.Throws<ServiceLlmConfigurationException>(() => _factory.Create(new ServiceLlmOptions { Provider = "anthropic", ModelName = "claude-sonnet-4" }));
        Assert.Contains("ANTHROPIC_API_KEY", error.Message);
    }
}
