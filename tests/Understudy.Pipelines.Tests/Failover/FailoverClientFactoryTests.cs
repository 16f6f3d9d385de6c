using Microsoft.Extensions.AI;
using Understudy.Core.Configuration;
using Understudy.Core.Datasets;
using Understudy.Llm.Failover;
using Understudy.Llm.Providers;
using Understudy.Pipelines.Failover;
using Understudy.Pipelines.Tests.Fakes;
using Understudy.Testing;

namespace Understudy.Pipelines.Tests.Failover;

public sealed class FailoverClientFactoryTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "understudy-failover-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public FailoverClientFactoryTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public void A_failover_section_loads_from_YAML_into_middleware_options()
    {
        var path = Write("""
            enabled: true
            primary_model: gpt-4o-mini
            fallback_model: smollm2-135m-ft
            fallback_base_url: http://127.0.0.1:8080/v1/
            consecutive_failures: 3
            break_duration: 45s
            primary_timeout: 10s
            latency_budget: 4s
            shadow_sample_rate: 0.05
            shadow_ds_id: live-shadow
            """);

        var config = ConfigLoader.Load<FailoverConfig>(path).Config;
        var options = config.ToOptions(new Llm.Failover.Shadow.DatasetShadowRecorder(new InMemoryDatasetStore(), "live-shadow"));

        Assert.Equal(3, options.CircuitBreaker.ConsecutiveFailureThreshold);
        Assert.Equal(TimeSpan.FromSeconds(45), options.CircuitBreaker.BreakDuration);
        Assert.Equal((TimeSpan?)TimeSpan.FromSeconds(10), options.PrimaryTimeout);
        Assert.Equal((TimeSpan?)TimeSpan.FromSeconds(4), options.LatencyBudget);
        Assert.Equal(0.05, options.ShadowSampleRate);
        options.Validate();
    }

    [Fact]
    public void An_enabled_section_without_an_understudy_or_shadow_dataset_names_the_keys_to_set()
    {
        var path = Write("""
            enabled: true
            primary_model: gpt-4o-mini
            shadow_sample_rate: 0.1
            """);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load<FailoverConfig>(path));

        Assert.Contains("fallback_model", error.Message);
        Assert.Contains("shadow_ds_id", error.Message);
    }

    [Fact]
    public async Task A_failing_service_is_answered_by_the_understudy_endpoint_and_healthy_answers_are_shadowed()
    {
        var serviceDown = true;
        await using var service = await ScriptedOpenAiServer.StartAsync(_ => serviceDown ? ScriptedReply.Error(503) : ScriptedReply.Text("service answer"), cancellationToken: Ct);
        await using var understudy = await ScriptedOpenAiServer.StartAsync(_ => ScriptedReply.Text("understudy answer"), ["student"], Ct);
        var store = new InMemoryDatasetStore();
        var config = new FailoverConfig
        {
            Enabled = true,
            PrimaryModel = "gpt-4o-mini",
            PrimaryBaseUrl = service.BaseUrl.ToString(),
            FallbackModel = "student",
            FallbackBaseUrl = understudy.BaseUrl.ToString(),
            ShadowSampleRate = 1,
            ShadowDsId = "live-shadow",
        };
        var factory = new FailoverClientFactory(new ServiceChatClientFactory(timeProvider: new AutoAdvancingTimeProvider()), store);

        await using (var failover = await factory.CreateAsync(config, cancellationToken: Ct))
        {
            var whileDown = await failover.Client.GetResponseAsync("route this ticket", cancellationToken: Ct);
            Assert.Equal("understudy answer", whileDown.Text);
            Assert.Equal(FailoverRoutes.Fallback, whileDown.AdditionalProperties?[FailoverRoutes.PropertyName]);

            serviceDown = false;
            var healthy = await failover.Client.GetResponseAsync("route this other ticket", cancellationToken: Ct);
            Assert.Equal("service answer", healthy.Text);
        }

        var row = Assert.Single(await store.ReadAsync<InferenceRow>("live-shadow", "shadow", Ct).ToListAsync(Ct));
        Assert.Equal(("route this other ticket", "service answer", "understudy answer"), (row.Instructions, row.TargetResponses, row.CandidateResponses));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string yaml)
    {
        var path = Path.Combine(_folder, "failover.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
