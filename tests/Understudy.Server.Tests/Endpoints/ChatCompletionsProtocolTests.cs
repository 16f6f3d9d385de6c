using System.Text.Json;
using Understudy.Server.Tests.Support;

namespace Understudy.Server.Tests.Endpoints;

/// <summary>Field-by-field conformance of chat completions with OpenAI's documented shapes, over raw HTTP.</summary>
public class ChatCompletionsProtocolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Request(bool stream = false, object? streamOptions = null, int maxTokens = 5) => new
    {
        model = ServerHarness.ModelId,
        messages = new object[] { new { role = "system", content = "be brief" }, new { role = "user", content = new[] { new { type = "text", text = "hello" } } } },
        max_tokens = maxTokens,
        stream,
        stream_options = streamOptions,
    };

    [Fact]
    public async Task Non_streaming_response_has_every_documented_field()
    {
        await using var harness = await ServerHarness.StartTinyAsync();

        var (status, body, response) = await Http.PostAsync(harness.Http, "/v1/chat/completions", Request());

        Assert.Equal(200, status);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("chatcmpl-", body.GetProperty("id").GetString());
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.InRange(body.GetProperty("created").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(ServerHarness.ModelId, body.GetProperty("model").GetString());
        JsonElement choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.String, choice.GetProperty("message").GetProperty("content").ValueKind);
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
        JsonElement usage = body.GetProperty("usage");
        Assert.Equal(5, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + 5, usage.GetProperty("total_tokens").GetInt32());
        Assert.Contains("be brief hello", harness.RenderedPrompts);
    }

    [Fact]
    public async Task Stream_is_sse_framed_role_first_and_ends_with_usage_then_done()
    {
        await using var harness = await ServerHarness.StartTinyAsync();

        var response = await harness.Http.PostAsync("/v1/chat/completions", Http.Json(Request(stream: true, streamOptions: new { include_usage = true })), Ct);
        string text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = Http.Events(text);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        JsonElement first = chunks[0].GetProperty("choices")[0];
        Assert.Equal("assistant", first.GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("finish_reason").ValueKind);
        JsonElement last = chunks[^1];
        Assert.Empty(last.GetProperty("choices").EnumerateArray());
        Assert.Equal(5, last.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        JsonElement finish = chunks[^2].GetProperty("choices")[0];
        Assert.Equal("length", finish.GetProperty("finish_reason").GetString());
        Assert.Empty(finish.GetProperty("delta").EnumerateObject());
        Assert.All(chunks[..^1], c => Assert.False(c.TryGetProperty("usage", out _)));

        var (_, whole, _) = await Http.PostAsync(harness.Http, "/v1/chat/completions", Request());
        string streamed = string.Concat(chunks.SelectMany(c => c.GetProperty("choices").EnumerateArray())
            .Select(c => c.GetProperty("delta").TryGetProperty("content", out var content) ? content.GetString() : ""));
        Assert.Equal(whole.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), streamed);
    }

    [Fact]
    public async Task Stream_without_include_usage_sends_no_usage_chunk()
    {
        await using var harness = await ServerHarness.StartTinyAsync();

        var response = await harness.Http.PostAsync("/v1/chat/completions", Http.Json(Request(stream: true)), Ct);
        var events = Http.Events(await response.Content.ReadAsStringAsync(Ct));

        Assert.All(events[..^1], e => Assert.False(JsonDocument.Parse(e).RootElement.TryGetProperty("usage", out _)));
        Assert.NotEqual(JsonValueKind.Null, JsonDocument.Parse(events[^2]).RootElement.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind);
    }

    [Theory]
    [InlineData("temperature", 2.5, "temperature")]
    [InlineData("top_p", 0.0, "top_p")]
    [InlineData("max_tokens", 100000, "max_tokens")]
    [InlineData("max_completion_tokens", 0, "max_completion_tokens")]
    [InlineData("n", 0, "n")]
    [InlineData("frequency_penalty", 0.5, "frequency_penalty")]
    public async Task Invalid_fields_get_400_naming_the_field(string field, double value, string param)
    {
        await using var harness = await ServerHarness.StartTinyAsync();
        var body = new Dictionary<string, object> { ["model"] = ServerHarness.ModelId, ["messages"] = new[] { new { role = "user", content = "hi" } }, [field] = value };

        var (status, error, _) = await Http.PostAsync(harness.Http, "/v1/chat/completions", body);

        Assert.Equal(400, status);
        Http.AssertError(error, "invalid_request_error", param, null);
    }

    [Fact]
    public async Task Missing_messages_bad_role_and_unknown_model_are_named()
    {
        await using var harness = await ServerHarness.StartTinyAsync();

        var (noMessages, noMessagesBody, _) = await Http.PostAsync(harness.Http, "/v1/chat/completions", new { model = ServerHarness.ModelId });
        var (badRole, badRoleBody, _) = await Http.PostAsync(harness.Http, "/v1/chat/completions",
            new { model = ServerHarness.ModelId, messages = new[] { new { role = "wizard", content = "hi" } } });
        var (unknown, unknownBody, _) = await Http.PostAsync(harness.Http, "/v1/chat/completions",
            new { model = "gpt-5", messages = new[] { new { role = "user", content = "hi" } } });

        Assert.Equal(400, noMessages);
        Http.AssertError(noMessagesBody, "invalid_request_error", "messages", null);
        Assert.Equal(400, badRole);
        Http.AssertError(badRoleBody, "invalid_request_error", "messages[0].role", null);
        Assert.Equal(404, unknown);
        Http.AssertError(unknownBody, "invalid_request_error", "model", "model_not_found");
    }

    [Fact]
    public async Task A_prompt_longer_than_the_context_is_a_400_even_when_streaming()
    {
        await using var harness = await ServerHarness.StartTinyAsync();
        var body = new { model = ServerHarness.ModelId, messages = new[] { new { role = "user", content = new string('a', 300) } }, stream = true };

        var (status, error, _) = await Http.PostAsync(harness.Http, "/v1/chat/completions", body);

        Assert.Equal(400, status);
        Assert.Contains("max_position_embeddings", error.GetProperty("error").GetProperty("message").GetString());
    }
}
