using Microsoft.Extensions.AI;
using Understudy.Engine.Generation;
using Understudy.Engine.Generation.Constraints;
using Understudy.Engine.Inference;
using Understudy.Engine.Scheduling;
using Understudy.Engine.Tests.Support;

namespace Understudy.Engine.Tests.Inference;

public class LocalChatClientTests
{
    private static LocalChatClient CreateClient(LocalModel model, List<string>? prompts = null, int maxBatch = 8) =>
        new(model, new LocalChatClientOptions
        {
            PromptFormatter = messages =>
            {
                string prompt = TinyLocalModels.Format(messages);
                lock (prompts ?? []) prompts?.Add(prompt);
                return prompt;
            },
            AddSpecialTokens = true,
            MaxBatchSize = maxBatch,
        });

    [Fact]
    public async Task Response_carries_text_usage_finish_reason_and_model_id()
    {
        using var model = TinyLocalModels.Create();
        using var client = CreateClient(model);

        var response = await client.GetResponseAsync("hello there", new ChatOptions { MaxOutputTokens = 5 }, TestContext.Current.CancellationToken);

        string expected = model.Text.Generate([new TextGenerationRequest("hello there", model.DefaultOptions with { MaxNewTokens = 5 })])[0].Text;
        Assert.Equal(expected, response.Text);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal("tiny-llama", response.ModelId);
        Assert.Equal(12, response.Usage!.InputTokenCount);
        Assert.Equal(5, response.Usage.OutputTokenCount);
        Assert.Equal(17, response.Usage.TotalTokenCount);
        Assert.Equal("tiny-llama", client.GetService<ChatClientMetadata>()!.DefaultModelId);
    }

    [Fact]
    public async Task Concurrent_callers_get_the_same_answers_as_sequential_calls()
    {
        using var model = TinyLocalModels.Create();
        using var client = CreateClient(model, maxBatch: 4);
        string[] questions = ["a", "bcd", "what is it", "x y z", "hello", "ok"];
        var ct = TestContext.Current.CancellationToken;

        var sequential = new List<string>();
        foreach (var q in questions) sequential.Add((await client.GetResponseAsync(q, cancellationToken: ct)).Text);
        var concurrent = await Task.WhenAll(questions.Select(q => Task.Run(() => client.GetResponseAsync(q, cancellationToken: ct), ct)));

        Assert.Equal(sequential, concurrent.Select(r => r.Text));
    }

    [Fact]
    public async Task Streaming_updates_add_up_to_the_response_and_end_with_usage()
    {
        using var model = TinyLocalModels.Create();
        using var client = CreateClient(model);
        var ct = TestContext.Current.CancellationToken;

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("hello", cancellationToken: ct)) updates.Add(update);
        var response = await client.GetResponseAsync("hello", cancellationToken: ct);

        Assert.Equal(response.Text, string.Concat(updates.Select(u => u.Text)));
        Assert.True(updates.Count > 2);
        Assert.Equal(response.FinishReason, updates[^1].FinishReason);
        Assert.Equal(response.Usage!.OutputTokenCount, updates[^1].Contents.OfType<UsageContent>().Single().Details.OutputTokenCount);
    }

    [Fact]
    public async Task Instructions_and_json_format_are_rendered_into_the_prompt()
    {
        using var model = TinyLocalModels.Create();
        var prompts = new List<string>();
        using var client = CreateClient(model, prompts);
        var options = new ChatOptions { Instructions = "Be brief.", ResponseFormat = ChatResponseFormat.Json, MaxOutputTokens = 2 };

        await client.GetResponseAsync("hi", options, TestContext.Current.CancellationToken);

        Assert.StartsWith("be brief.", prompts.Single());
        Assert.Contains("json", prompts.Single());
    }

    [Fact]
    public async Task Seeded_sampling_is_reproducible_through_chat_options()
    {
        using var model = TinyLocalModels.Create(std: 0.1);
        using var client = CreateClient(model);
        var options = new ChatOptions { Temperature = 1.5f, TopP = 0.95f, TopK = 40, Seed = 11, MaxOutputTokens = 12 };
        var ct = TestContext.Current.CancellationToken;

        var first = await client.GetResponseAsync("hello", options, ct);
        var second = await client.GetResponseAsync("hello", options, ct);
        var greedy = await client.GetResponseAsync("hello", new ChatOptions { Temperature = 0, MaxOutputTokens = 12 }, ct);

        Assert.Equal(first.Text, second.Text);
        Assert.NotEqual(greedy.Text, first.Text);
    }

    [Fact]
    public async Task Stop_sequences_cut_the_answer()
    {
        using var model = TinyLocalModels.Create();
        using var client = CreateClient(model);
        var ct = TestContext.Current.CancellationToken;
        string free = (await client.GetResponseAsync("hello", cancellationToken: ct)).Text;
        string stop = free.Substring(4, 2);

        var response = await client.GetResponseAsync("hello", new ChatOptions { StopSequences = [stop] }, ct);

        Assert.Equal(free[..free.IndexOf(stop, StringComparison.Ordinal)], response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task A_bad_request_fails_alone_without_failing_its_batch_neighbours()
    {
        using var model = TinyLocalModels.Create();
        using var client = CreateClient(model);
        var ct = TestContext.Current.CancellationToken;

        var good = Task.Run(() => client.GetResponseAsync("fine", cancellationToken: ct), ct);
        var bad = Task.Run(() => client.GetResponseAsync(new string('x', 200), cancellationToken: ct), ct);   // longer than the context

        await Assert.ThrowsAsync<ArgumentException>(() => bad);
        Assert.False(string.IsNullOrEmpty((await good).Text));
    }

    [Fact]
    public async Task Unsupported_penalties_are_rejected_not_ignored()
    {
        using var model = TinyLocalModels.Create();
        using var client = CreateClient(model);

        await Assert.ThrowsAsync<NotSupportedException>(() =>
            client.GetResponseAsync("hi", new ChatOptions { FrequencyPenalty = 0.5f }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_scheduler_behind_the_client_is_exposed_and_counts_its_requests()
    {
        using var model = TinyLocalModels.Create();
        using var client = new LocalChatClient(model, new LocalChatClientOptions
        {
            PromptFormatter = TinyLocalModels.Format,
            AddSpecialTokens = true,
            Scheduler = new SchedulerOptions { MaxBatchSize = 3, MaxQueued = 5 },
        });

        var response = await client.GetResponseAsync("hello", new ChatOptions { MaxOutputTokens = 4 }, TestContext.Current.CancellationToken);
        var scheduler = client.GetService<ContinuousBatchScheduler>()!;

        Assert.Same(model, scheduler.Model);
        Assert.Equal((3, 5), (scheduler.Options.MaxBatchSize, scheduler.Options.MaxQueued));
        Assert.Equal(1, scheduler.Metrics.RequestsCompleted);
        Assert.Equal(response.Usage!.OutputTokenCount, scheduler.Metrics.GeneratedTokens);
    }

    [Fact]
    public async Task Cancelling_a_streaming_call_stops_it_with_OperationCanceledException()
    {
        using var model = TinyLocalModels.Create(maxNewTokens: 100);
        using var client = CreateClient(model);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("hello", cancellationToken: cancel.Token)) cancel.Cancel();
        });
        var scheduler = client.GetService<ContinuousBatchScheduler>()!;
        await client.GetResponseAsync("hello", new ChatOptions { MaxOutputTokens = 1 }, TestContext.Current.CancellationToken);
        Assert.Equal(0, scheduler.Metrics.RunningSequences);
    }

    [Fact]
    public async Task Json_mode_decodes_only_json_so_every_answer_is_a_json_prefix_and_a_finished_one_parses()
    {
        using var model = TinyLocalModels.Create(maxNewTokens: 48, std: 0.5);
        using var client = CreateClient(model);
        var ct = TestContext.Current.CancellationToken;
        var finished = 0;

        for (int seed = 0; seed < 6; seed++)
        {
            var json = new ChatOptions { ResponseFormat = ChatResponseFormat.Json, Temperature = 1.0f, Seed = seed, MaxOutputTokens = 48 };
            var free = new ChatOptions { Temperature = 1.0f, Seed = seed, MaxOutputTokens = 48 };

            var constrained = await client.GetResponseAsync("hello", json, ct);
            var unconstrained = await client.GetResponseAsync("hello", free, ct);

            var prefix = new JsonPrefix();
            Assert.True(prefix.TryAdvance(constrained.Text), $"not JSON: {constrained.Text}");
            Assert.False(new JsonPrefix().TryAdvance(unconstrained.Text), $"the random model wrote JSON unaided: {unconstrained.Text}");
            if (constrained.FinishReason == ChatFinishReason.Stop)
            {
                System.Text.Json.JsonDocument.Parse(constrained.Text).Dispose();
                finished++;
            }
        }
        Assert.True(finished > 0, "no constrained answer completed its JSON value within the token budget");
    }
}
