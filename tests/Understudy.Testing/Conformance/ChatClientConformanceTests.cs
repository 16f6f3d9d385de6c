using Microsoft.Extensions.AI;
using Xunit;

namespace Understudy.Testing;

/// <summary>
/// The behaviour every <see cref="IChatClient"/> in Understudy must keep: answers, streaming, options reaching the
/// model, conversation order, cancellation, metadata, concurrent calls. Subclass it once per client or middleware
/// and build the client under test over the given <see cref="ConformanceBackend"/>.
/// </summary>
public abstract class ChatClientConformanceTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _resources = [];

    protected ConformanceBackend Backend { get; } = new();

    protected IChatClient Client { get; private set; } = null!;

    /// <summary>
    /// False for clients whose API has no sampling settings (temperature, top_p, seed): then only the output limit
    /// and the stop sequences are checked to reach the model.
    /// </summary>
    protected virtual bool SendsSamplingOptions => true;

    /// <summary>Builds the client under test over <paramref name="backend"/>; add disposables to <paramref name="resources"/>.</summary>
    protected abstract Task<IChatClient> CreateClientAsync(ConformanceBackend backend, ICollection<IAsyncDisposable> resources);

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => Client = await CreateClientAsync(Backend, _resources);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        foreach (var resource in _resources)
        {
            await resource.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponseAsync_returns_the_models_answer_with_usage()
    {
        var response = await Client.GetResponseAsync("hello conformance", cancellationToken: Ct);

        Assert.Equal(ConformanceBackend.AnswerTo("hello conformance"), response.Text);
        Assert.Equal(ChatRole.Assistant, response.Messages.Last().Role);
        Assert.True(response.Usage?.InputTokenCount > 0, "input tokens reported");
        Assert.True(response.Usage?.OutputTokenCount > 0, "output tokens reported");
    }

    [Fact]
    public async Task GetStreamingResponseAsync_streams_the_same_answer()
    {
        var updates = await Client.GetStreamingResponseAsync("stream conformance", cancellationToken: Ct).ToListAsync(Ct);

        Assert.NotEmpty(updates);
        Assert.Equal(ConformanceBackend.AnswerTo("stream conformance"), updates.ToChatResponse().Text);
    }

    [Fact]
    public async Task Options_reach_the_model()
    {
        var options = new ChatOptions { Temperature = 0.5f, TopP = 0.75f, MaxOutputTokens = 42, Seed = 3, StopSequences = ["STOP"] };

        await Client.GetResponseAsync("options conformance", options, Ct);

        var seen = Backend.Observed.Last(r => r.Messages.Any(m => m.Text == "options conformance"));
        Assert.Equal(42, seen.MaxOutputTokens);
        Assert.Equal(["STOP"], seen.StopSequences);
        if (SendsSamplingOptions)
        {
            Assert.Equal(0.5, seen.Temperature!.Value, 3);
            Assert.Equal(0.75, seen.TopP!.Value, 3);
            Assert.Equal(3, seen.Seed);
        }
    }

    [Fact]
    public async Task Conversation_reaches_the_model_in_order()
    {
        ChatMessage[] conversation =
        [
            new(ChatRole.System, "system rule"),
            new(ChatRole.User, "first question"),
            new(ChatRole.Assistant, "first answer"),
            new(ChatRole.User, "second question"),
        ];

        var response = await Client.GetResponseAsync(conversation, cancellationToken: Ct);

        Assert.Equal(ConformanceBackend.AnswerTo("second question"), response.Text);
        var seen = Backend.Observed.Last(r => r.Messages.Any(m => m.Text == "second question"));
        Assert.Equal(conversation.Select(m => (m.Role.Value, m.Text)), seen.Messages);
    }

    [Fact]
    public async Task Cancellation_stops_a_call_in_flight()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.GetResponseAsync(ConformanceBackend.HangPrompt, cancellationToken: cts.Token));
    }

    [Fact]
    public async Task Cancellation_stops_a_stream_in_flight()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await Client.GetStreamingResponseAsync(ConformanceBackend.HangPrompt, cancellationToken: cts.Token).ToListAsync(cts.Token));
    }

    [Fact]
    public async Task An_already_cancelled_token_fails_the_call()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.GetResponseAsync("never sent", cancellationToken: cts.Token));
    }

    [Fact]
    public void Metadata_is_available_through_GetService()
    {
        Assert.NotNull(Client.GetService<ChatClientMetadata>());
        Assert.NotNull(Client.GetService<IChatClient>());
        Assert.Null(Client.GetService<ChatClientMetadata>(serviceKey: "no such key"));
    }

    [Fact]
    public async Task Concurrent_calls_each_get_their_own_answer()
    {
        var prompts = Enumerable.Range(0, 8).Select(i => $"parallel {i}").ToList();

        var answers = await Task.WhenAll(prompts.Select(p => Client.GetResponseAsync(p, cancellationToken: Ct)));

        Assert.Equal(prompts.Select(ConformanceBackend.AnswerTo), answers.Select(a => a.Text));
    }
}
