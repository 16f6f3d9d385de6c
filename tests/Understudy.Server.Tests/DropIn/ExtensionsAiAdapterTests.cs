using Microsoft.Extensions.AI;
using OpenAI;
using Understudy.Server.Tests.Support;

namespace Understudy.Server.Tests.DropIn;

/// <summary>The Microsoft.Extensions.AI OpenAI adapter works against the server with only the endpoint changed.</summary>
public class ExtensionsAiAdapterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IChatClient ChatClientFor(ServerHarness harness) => harness.OpenAi().GetChatClient(ServerHarness.ModelId).AsIChatClient();

    [Fact]
    public async Task Response_and_stream_agree_and_carry_usage()
    {
        await using var harness = await ServerHarness.StartTinyAsync();
        using IChatClient client = ChatClientFor(harness);
        var options = new ChatOptions { MaxOutputTokens = 7, Temperature = 0 };

        ChatResponse response = await client.GetResponseAsync("what now", options, Ct);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("what now", options, Ct)) updates.Add(update);
        ChatResponse streamed = updates.ToChatResponse();

        Assert.Equal(response.Text, streamed.Text);
        Assert.Equal(7, response.Usage!.OutputTokenCount);
        Assert.Equal(7, streamed.Usage!.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(ServerHarness.ModelId, response.ModelId);
    }

    [Fact]
    public async Task Stop_sequences_cut_the_answer_like_the_engine_does()
    {
        await using var harness = await ServerHarness.StartTinyAsync();
        using IChatClient client = ChatClientFor(harness);
        string free = (await client.GetResponseAsync("hello", new ChatOptions { MaxOutputTokens = 16 }, Ct)).Text;
        string stop = free.Substring(4, 2);

        ChatResponse cut = await client.GetResponseAsync("hello", new ChatOptions { MaxOutputTokens = 16, StopSequences = [stop] }, Ct);

        Assert.Equal(free[..free.IndexOf(stop, StringComparison.Ordinal)], cut.Text);
        Assert.Equal(ChatFinishReason.Stop, cut.FinishReason);
    }

    [Fact]
    public async Task Embedding_generator_adapter_returns_one_vector_per_input()
    {
        await using var harness = await ServerHarness.StartTinyAsync();
        using var generator = harness.OpenAi().GetEmbeddingClient(ServerHarness.ModelId).AsIEmbeddingGenerator();

        var embeddings = await generator.GenerateAsync(["one", "two", "three"], cancellationToken: Ct);

        Assert.Equal(3, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(harness.Served.EmbeddingDimensions, e.Vector.Length));
    }
}
