using System.Runtime.InteropServices;
using System.Text.Json;
using Understudy.Engine.Generation;
using Understudy.Server.Tests.Support;

namespace Understudy.Server.Tests.Endpoints;

/// <summary>Conformance of <c>/v1/completions</c>, <c>/v1/embeddings</c> and <c>/v1/models</c> with OpenAI's shapes.</summary>
public class CompletionsAndEmbeddingsProtocolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Completions_continue_the_raw_prompt_without_a_chat_template()
    {
        await using var harness = await ServerHarness.StartTinyAsync();

        var (status, body, _) = await Http.PostAsync(harness.Http, "/v1/completions",
            new { model = ServerHarness.ModelId, prompt = new[] { "once upon", "the end" }, max_tokens = 4, temperature = 0 });

        Assert.Equal(200, status);
        Assert.StartsWith("cmpl-", body.GetProperty("id").GetString());
        Assert.Equal("text_completion", body.GetProperty("object").GetString());
        var choices = body.GetProperty("choices").EnumerateArray().ToList();
        Assert.Equal([0, 1], choices.Select(c => c.GetProperty("index").GetInt32()));
        string expected = harness.Model.Text.Generate([new TextGenerationRequest("once upon", harness.Model.DefaultOptions with { MaxNewTokens = 4 })])[0].Text;
        Assert.Equal(expected, choices[0].GetProperty("text").GetString());
        Assert.Equal("length", choices[0].GetProperty("finish_reason").GetString());
        Assert.Empty(harness.RenderedPrompts);                                       // the chat template never ran
        Assert.Equal(10 + 8, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());   // BOS + characters, per prompt
        Assert.Equal(8, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Completions_stream_text_completion_chunks_then_done()
    {
        await using var harness = await ServerHarness.StartTinyAsync();

        var response = await harness.Http.PostAsync("/v1/completions",
            Http.Json(new { model = ServerHarness.ModelId, prompt = "once upon", max_tokens = 4, stream = true, stream_options = new { include_usage = true } }), Ct);
        var events = Http.Events(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("text_completion", c.GetProperty("object").GetString()));
        Assert.Equal(4, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal("length", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Embeddings_return_floats_or_base64_of_the_same_vector()
    {
        await using var harness = await ServerHarness.StartTinyAsync();

        var (status, floats, _) = await Http.PostAsync(harness.Http, "/v1/embeddings", new { model = ServerHarness.ModelId, input = "a ticket" });
        var (_, base64, _) = await Http.PostAsync(harness.Http, "/v1/embeddings",
            new { model = ServerHarness.ModelId, input = new[] { "a ticket" }, encoding_format = "base64" });

        Assert.Equal(200, status);
        Assert.Equal("list", floats.GetProperty("object").GetString());
        JsonElement item = floats.GetProperty("data")[0];
        Assert.Equal("embedding", item.GetProperty("object").GetString());
        Assert.Equal(0, item.GetProperty("index").GetInt32());
        float[] vector = item.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray();
        Assert.Equal(32, vector.Length);
        byte[] bytes = Convert.FromBase64String(base64.GetProperty("data")[0].GetProperty("embedding").GetString()!);
        Assert.Equal(vector, MemoryMarshal.Cast<byte, float>(bytes).ToArray());
        Assert.Equal(9, floats.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(9, floats.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Embeddings_reject_token_arrays_and_other_dimensions_by_field()
    {
        await using var harness = await ServerHarness.StartTinyAsync();

        var (tokens, tokensBody, _) = await Http.PostAsync(harness.Http, "/v1/embeddings", new { model = ServerHarness.ModelId, input = new[] { 1, 2 } });
        var (dims, dimsBody, _) = await Http.PostAsync(harness.Http, "/v1/embeddings", new { model = ServerHarness.ModelId, input = "x", dimensions = 8 });

        Assert.Equal(400, tokens);
        Http.AssertError(tokensBody, "invalid_request_error", "input", null);
        Assert.Equal(400, dims);
        Http.AssertError(dimsBody, "invalid_request_error", "dimensions", null);
    }

    [Fact]
    public async Task Models_lists_the_served_model_and_unknown_ids_are_404()
    {
        await using var harness = await ServerHarness.StartTinyAsync();

        using var list = JsonDocument.Parse(await harness.Http.GetStringAsync("/v1/models", Ct));
        var one = await harness.Http.GetAsync($"/v1/models/{ServerHarness.ModelId}", Ct);
        var missing = await harness.Http.GetAsync("/v1/models/gpt-4", Ct);

        Assert.Equal("list", list.RootElement.GetProperty("object").GetString());
        JsonElement card = Assert.Single(list.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal(ServerHarness.ModelId, card.GetProperty("id").GetString());
        Assert.Equal("model", card.GetProperty("object").GetString());
        Assert.Equal("understudy", card.GetProperty("owned_by").GetString());
        Assert.True(card.GetProperty("created").GetInt64() > 0);
        Assert.Equal(200, (int)one.StatusCode);
        Assert.Equal(404, (int)missing.StatusCode);
        Http.AssertError(JsonDocument.Parse(await missing.Content.ReadAsStringAsync(Ct)).RootElement, "invalid_request_error", "model", "model_not_found");
    }
}
