using System.Net;
using System.Text;
using Understudy.Testing;

namespace Understudy.Llm.Tests.Fixtures;

public class ScriptedOpenAiServerTests
{
    private static readonly HttpClient Http = new();

    private static StringContent Chat(string text, bool stream = false) => new(
        $$"""{"model":"m","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"{{text}}"}]}""",
        Encoding.UTF8, "application/json");

    [Fact]
    public async Task Server_listens_on_the_loopback_address_only()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync("ok");
        Assert.Equal("127.0.0.1", server.BaseUrl.Host);
        Assert.EndsWith("/v1/", server.BaseUrl.AbsolutePath);
    }

    [Fact]
    public async Task Server_records_every_request_in_arrival_order()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(r => ScriptedReply.Text(r.Sequence.ToString()));
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 3; i++)
        {
            (await Http.PostAsync(new Uri(server.BaseUrl, "chat/completions"), Chat($"q{i}"), ct)).EnsureSuccessStatusCode();
        }

        Assert.Equal(3, server.RequestCount);
        Assert.Equal(["q0", "q1", "q2"], server.Requests.Select(r => r.LastUserText));
        Assert.Equal([1, 2, 3], server.Requests.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Server_sends_Retry_After_in_seconds_or_as_an_http_date()
    {
        var at = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await using var server = await ScriptedOpenAiServer.StartAsync(r => r.Sequence == 1
            ? ScriptedReply.TooManyRequests(TimeSpan.FromSeconds(7))
            : ScriptedReply.TooManyRequestsUntil(at));
        var ct = TestContext.Current.CancellationToken;

        var first = await Http.PostAsync(new Uri(server.BaseUrl, "chat/completions"), Chat("a"), ct);
        var second = await Http.PostAsync(new Uri(server.BaseUrl, "chat/completions"), Chat("b"), ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), first.Headers.RetryAfter?.Delta);
        Assert.Equal(at, second.Headers.RetryAfter?.Date);
    }

    [Fact]
    public async Task Server_sends_a_malformed_body_verbatim()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(_ => ScriptedReply.Malformed("{\"choices\": ["));
        var response = await Http.PostAsync(new Uri(server.BaseUrl, "chat/completions"), Chat("a"), TestContext.Current.CancellationToken);
        Assert.Equal("{\"choices\": [", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Server_streams_server_sent_events_ending_with_done()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync("streamed text");
        var response = await Http.PostAsync(new Uri(server.BaseUrl, "chat/completions"), Chat("a", stream: true), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("data: {", body);
        Assert.EndsWith("data: [DONE]\n\n", body);
    }

    [Fact]
    public async Task Server_holds_a_hanging_request_until_the_client_gives_up()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(_ => ScriptedReply.HangUntilCancelled());
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Http.PostAsync(new Uri(server.BaseUrl, "chat/completions"), Chat("a"), cts.Token));
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task Server_lists_its_models()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(_ => ScriptedReply.Text("x"), ["judge-model", "teacher-model"]);
        var body = await Http.GetStringAsync(new Uri(server.BaseUrl, "models"), TestContext.Current.CancellationToken);
        Assert.Contains("\"judge-model\"", body);
        Assert.Contains("\"teacher-model\"", body);
    }

    [Fact]
    public async Task A_script_that_throws_is_answered_with_a_500_and_recorded()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync(_ => throw new InvalidOperationException("typo in the test"));
        var response = await Http.PostAsync(new Uri(server.BaseUrl, "chat/completions"), Chat("a"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("typo in the test", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("typo in the test", Assert.Single(server.ScriptErrors).Message);
    }

    [Fact]
    public async Task Requests_on_the_messages_api_are_parsed_with_their_system_prompt()
    {
        await using var server = await ScriptedOpenAiServer.StartAsync("ok");
        var body = new StringContent(
            """{"model":"claude","max_tokens":99,"system":"be fair","messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}]}""",
            Encoding.UTF8, "application/json");

        var response = await Http.PostAsync(new Uri(server.RootUrl, "v1/messages"), body, TestContext.Current.CancellationToken);

        Assert.Contains("\"type\":\"message\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var request = Assert.Single(server.Requests);
        Assert.Equal((ScriptedApi.AnthropicMessages, "be fair", "hi", 99), (request.Api, request.SystemText, request.LastUserText, request.MaxTokens));
    }
}
