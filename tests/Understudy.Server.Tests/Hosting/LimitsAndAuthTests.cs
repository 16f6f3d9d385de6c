using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Understudy.Server.Requests;
using Understudy.Server.Tests.Support;

namespace Understudy.Server.Tests.Hosting;

/// <summary>API keys, body size limit, unknown routes and the open probes.</summary>
public class LimitsAndAuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly object Chat = new { model = ServerHarness.ModelId, messages = new[] { new { role = "user", content = "hi" } }, max_tokens = 2 };

    [Fact]
    public async Task Requests_without_or_with_a_wrong_key_get_401_and_probes_stay_open()
    {
        await using var harness = await ServerHarness.StartTinyAsync();
        using var anonymous = new HttpClient { BaseAddress = harness.Http.BaseAddress };
        using var wrong = new HttpClient { BaseAddress = harness.Http.BaseAddress };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk-nope");

        var (none, noneBody, _) = await Http.PostAsync(anonymous, "/v1/chat/completions", Chat);
        var (bad, badBody, _) = await Http.PostAsync(wrong, "/v1/chat/completions", Chat);
        var models = await anonymous.GetAsync("/v1/models", Ct);
        var health = await anonymous.GetAsync("/health", Ct);
        var metrics = await anonymous.GetAsync("/metrics", Ct);

        Assert.Equal(401, none);
        Http.AssertError(noneBody, "invalid_request_error", null, "invalid_api_key");
        Assert.Equal(401, bad);
        Http.AssertError(badBody, "invalid_request_error", null, "invalid_api_key");
        Assert.Equal(HttpStatusCode.Unauthorized, models.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }

    [Fact]
    public async Task No_auth_on_loopback_serves_without_a_key()
    {
        await using var harness = await ServerHarness.StartTinyAsync(o => o with { ApiKeys = null, NoAuth = true });
        using var anonymous = new HttpClient { BaseAddress = harness.Http.BaseAddress };

        var (status, _, _) = await Http.PostAsync(anonymous, "/v1/chat/completions", Chat);

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Bodies_over_the_limit_get_413_in_the_openai_shape()
    {
        await using var harness = await ServerHarness.StartTinyAsync(o => o with { Limits = new RequestLimits { MaxRequestBytes = 2048 } });
        var big = new { model = ServerHarness.ModelId, messages = new[] { new { role = "user", content = new string('a', 4096) } } };

        var (status, body, _) = await Http.PostAsync(harness.Http, "/v1/chat/completions", big);

        Assert.Equal(413, status);
        Http.AssertError(body, "invalid_request_error", null, "request_too_large");
    }

    [Fact]
    public async Task Malformed_json_and_unknown_urls_get_openai_errors()
    {
        await using var harness = await ServerHarness.StartTinyAsync();

        var malformed = await harness.Http.PostAsync("/v1/chat/completions", new StringContent("{\"model\": ", System.Text.Encoding.UTF8, "application/json"), Ct);
        var unknown = await harness.Http.GetAsync("/v1/assistants", Ct);

        Assert.Equal(400, (int)malformed.StatusCode);
        Http.AssertError(JsonDocument.Parse(await malformed.Content.ReadAsStringAsync(Ct)).RootElement, "invalid_request_error", null, "invalid_json");
        Assert.Equal(404, (int)unknown.StatusCode);
        Http.AssertError(JsonDocument.Parse(await unknown.Content.ReadAsStringAsync(Ct)).RootElement, "invalid_request_error", null, "unknown_url");
    }
}
