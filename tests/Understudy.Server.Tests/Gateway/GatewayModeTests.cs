using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using Understudy.Engine.Generation;
using Understudy.Llm.Failover;
using Understudy.Llm.Failover.CircuitBreaking;
using Understudy.Server.Hosting;
using Understudy.Server.Tests.Support;
using Understudy.Testing;

namespace Understudy.Server.Tests.Gateway;

/// <summary>
/// Gateway mode: the served chat client is a failover client whose primary is a (scripted) service LLM and whose
/// fallback is the local model; the OpenAI SDK sees who answered in <c>model</c> and the route header.
/// </summary>
public class GatewayModeTests
{
    private const string PrimaryModel = "service-model";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<ServerHarness> StartGatewayAsync(ScriptedOpenAiServer primary) =>
        ServerHarness.StartTinyAsync(decorateChat: local =>
        {
            IChatClient service = new OpenAIClient(new ApiKeyCredential("sk-primary"), new OpenAIClientOptions { Endpoint = primary.BaseUrl, RetryPolicy = new ClientRetryPolicy(0) })
                .GetChatClient(PrimaryModel).AsIChatClient();
            return new UnderstudyFailoverChatClient(service, local, new FailoverOptions
            {
                CircuitBreaker = new CircuitBreakerOptions { ConsecutiveFailureThreshold = 1, FailureRatioThreshold = 0, BreakDuration = TimeSpan.FromHours(1) },
            });
        });

    private static async Task<(ChatCompletion Completion, string? Route)> AskAsync(ServerHarness harness, string text)
    {
        ClientResult<ChatCompletion> result = await harness.OpenAi().GetChatClient(ServerHarness.ModelId).CompleteChatAsync(
            [new UserChatMessage(text)], new ChatCompletionOptions { MaxOutputTokenCount = 6, Temperature = 0 }, Ct);
        PipelineResponse raw = result.GetRawResponse();
        return (result.Value, raw.Headers.TryGetValue(ServedModel.RouteHeader, out string? route) ? route : null);
    }

    [Fact]
    public void The_route_property_the_server_reads_is_the_one_the_failover_client_writes() =>
        Assert.Equal(FailoverRoutes.PropertyName, ServedModel.RoutePropertyName);

    [Fact]
    public async Task A_healthy_primary_answers_and_the_route_header_says_primary()
    {
        await using var primary = await ScriptedOpenAiServer.StartAsync(_ => ScriptedReply.Text("from the service"), cancellationToken: Ct);
        await using var harness = await StartGatewayAsync(primary);

        var (completion, route) = await AskAsync(harness, "hello there");

        Assert.Equal("from the service", completion.Content[0].Text);
        Assert.Equal(FailoverRoutes.Primary, route);
        Assert.Equal(PrimaryModel, completion.Model);
        Assert.Equal(1, primary.RequestCount);
        Assert.Contains("understudy_gateway_requests_total{route=\"primary\"} 1", await harness.MetricsAsync());
    }

    [Fact]
    public async Task A_failing_primary_is_replaced_by_the_local_model_and_the_route_header_says_fallback()
    {
        await using var primary = await ScriptedOpenAiServer.StartAsync(_ => ScriptedReply.Error(500), cancellationToken: Ct);
        await using var harness = await StartGatewayAsync(primary);
        string local = harness.Model.Text.Generate([new TextGenerationRequest("hello there", harness.Model.DefaultOptions with { MaxNewTokens = 6 })])[0].Text;

        var (first, firstRoute) = await AskAsync(harness, "hello there");
        var (second, secondRoute) = await AskAsync(harness, "hello there");

        Assert.Equal(local, first.Content[0].Text);
        Assert.Equal(FailoverRoutes.Fallback, firstRoute);
        Assert.Equal(harness.Model.Id, first.Model);
        // One failure opened the circuit: the second request goes straight to the understudy.
        Assert.Equal(local, second.Content[0].Text);
        Assert.Equal(FailoverRoutes.Fallback, secondRoute);
        Assert.Equal(1, primary.RequestCount);
        Assert.Contains("understudy_gateway_requests_total{route=\"fallback\"} 2", await harness.MetricsAsync());
    }

    [Fact]
    public async Task Streaming_through_the_gateway_sends_the_route_header_and_the_fallbacks_model()
    {
        await using var primary = await ScriptedOpenAiServer.StartAsync(_ => ScriptedReply.Error(500), cancellationToken: Ct);
        await using var harness = await StartGatewayAsync(primary);

        using var response = await harness.Http.PostAsync("/v1/chat/completions", new StringContent(
            $$"""{"model":"{{ServerHarness.ModelId}}","messages":[{"role":"user","content":"hi"}],"max_tokens":4,"temperature":0,"stream":true}""",
            System.Text.Encoding.UTF8, "application/json"), Ct);
        string body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(FailoverRoutes.Fallback, Assert.Single(response.Headers.GetValues(ServedModel.RouteHeader)));
        Assert.Contains($"\"model\":\"{harness.Model.Id}\"", body);
        Assert.EndsWith("data: [DONE]\n\n", body);
    }
}
