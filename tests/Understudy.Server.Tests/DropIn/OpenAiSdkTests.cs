using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using OpenAI.Chat;
using Understudy.Engine.Generation;
using Understudy.Server.Tests.Support;
using ChatMessage = OpenAI.Chat.ChatMessage;

namespace Understudy.Server.Tests.DropIn;

/// <summary>The official OpenAI .NET SDK works against the server with only its endpoint changed.</summary>
public class OpenAiSdkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Direct(ServerHarness harness, string userText, int maxTokens) =>
        harness.Model.Text.Generate([new TextGenerationRequest(userText, harness.Model.DefaultOptions with { MaxNewTokens = maxTokens })])[0].Text;

    [Fact]
    public async Task Chat_completion_returns_the_engines_greedy_answer_with_usage()
    {
        await using var harness = await ServerHarness.StartTinyAsync();
        ChatClient chat = harness.OpenAi().GetChatClient(ServerHarness.ModelId);

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("hello there")],
            new ChatCompletionOptions { MaxOutputTokenCount = 6, Temperature = 0 }, Ct);

        Assert.Equal(Direct(harness, "hello there", 6), completion.Content[0].Text);
        Assert.Equal(ServerHarness.ModelId, completion.Model);
        Assert.Equal(OpenAI.Chat.ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(12, completion.Usage.InputTokenCount);            // BOS + 11 characters
        Assert.Equal(6, completion.Usage.OutputTokenCount);
        Assert.Equal(18, completion.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task Streaming_pieces_add_up_to_the_non_streaming_answer_and_end_with_usage()
    {
        await using var harness = await ServerHarness.StartTinyAsync();
        ChatClient chat = harness.OpenAi().GetChatClient(ServerHarness.ModelId);
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 8 };

        var text = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;
        OpenAI.Chat.ChatFinishReason? finish = null;
        await foreach (StreamingChatCompletionUpdate update in chat.CompleteChatStreamingAsync([new UserChatMessage("abc")], options, Ct))
        {
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
            usage = update.Usage ?? usage;
            finish = update.FinishReason ?? finish;
        }
        ChatCompletion whole = await chat.CompleteChatAsync([new UserChatMessage("abc")], options, Ct);

        Assert.Equal(whole.Content[0].Text, text.ToString());
        Assert.Equal(whole.FinishReason, finish);
        Assert.NotNull(usage);                                          // the SDK asks for include_usage when streaming
        Assert.Equal(whole.Usage.OutputTokenCount, usage.OutputTokenCount);
        Assert.Equal(whole.Usage.InputTokenCount, usage.InputTokenCount);
    }

    [Fact]
    public async Task Embeddings_match_the_local_embedding_generator()
    {
        await using var harness = await ServerHarness.StartTinyAsync();
        var client = harness.OpenAi().GetEmbeddingClient(ServerHarness.ModelId);

        var result = await client.GenerateEmbeddingsAsync(["ticket one", "another ticket"], cancellationToken: Ct);

        var expected = await harness.Served.Embeddings!.GenerateAsync(["ticket one", "another ticket"], cancellationToken: Ct);
        Assert.Equal(2, result.Value.Count);
        for (int i = 0; i < 2; i++) Assert.Equal(expected[i].Vector.ToArray(), result.Value[i].ToFloats().ToArray());
        Assert.Equal(expected.Usage!.InputTokenCount, result.Value.Usage.InputTokenCount);
    }

    [Fact]
    public async Task Json_mode_is_accepted_and_instructs_the_model_to_answer_in_json()
    {
        await using var harness = await ServerHarness.StartTinyAsync();
        ChatClient chat = harness.OpenAi().GetChatClient(ServerHarness.ModelId);

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("give me a ticket")],
            new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat(), MaxOutputTokenCount = 4 }, Ct);

        Assert.Contains(harness.RenderedPrompts, p => p.Contains("json", StringComparison.Ordinal) && p.Contains("give me a ticket", StringComparison.Ordinal));
        Assert.NotNull(completion.Content);
    }

    [Fact]
    public async Task Errors_surface_as_client_result_exceptions_with_their_status()
    {
        await using var harness = await ServerHarness.StartTinyAsync();

        var wrongModel = await Assert.ThrowsAsync<ClientResultException>(() =>
            harness.OpenAi().GetChatClient("gpt-4o").CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: Ct));
        var badTemperature = await Assert.ThrowsAsync<ClientResultException>(() =>
            harness.OpenAi().GetChatClient(ServerHarness.ModelId).CompleteChatAsync([new UserChatMessage("hi")], new ChatCompletionOptions { Temperature = 3 }, Ct));
        var wrongKey = await Assert.ThrowsAsync<ClientResultException>(() =>
            harness.OpenAi("sk-wrong").GetChatClient(ServerHarness.ModelId).CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: Ct));

        Assert.Equal(404, wrongModel.Status);
        Assert.Contains("gpt-4o", wrongModel.Message);
        Assert.Equal(400, badTemperature.Status);
        Assert.Contains("temperature", badTemperature.Message);
        Assert.Equal(401, wrongKey.Status);
    }

    [Fact]
    public async Task N_choices_come_back_indexed_through_the_sdks_protocol_method()
    {
        await using var harness = await ServerHarness.StartTinyAsync();
        ChatClient chat = harness.OpenAi().GetChatClient(ServerHarness.ModelId);
        string body = JsonSerializer.Serialize(new
        {
            model = ServerHarness.ModelId,
            messages = new[] { new { role = "user", content = "pick one" } },
            n = 3,
            temperature = 2.0,
            seed = 5,
            max_tokens = 6,
        });

        ClientResult result = await chat.CompleteChatAsync(BinaryContent.Create(BinaryData.FromString(body)), new RequestOptions { CancellationToken = Ct });

        using var json = JsonDocument.Parse(result.GetRawResponse().Content);
        var choices = json.RootElement.GetProperty("choices").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], choices.Select(c => c.GetProperty("index").GetInt32()));
        Assert.True(choices.Select(c => c.GetProperty("message").GetProperty("content").GetString()).Distinct().Count() > 1,
            "seeded choices sample with seed + index, so they differ");
        Assert.InRange(json.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), 3, 18);   // ≤ 6 per choice (EOS may end one early)
    }
}
