using Understudy.Engine.Generation;
using Understudy.Engine.Scheduling;
using static Understudy.Engine.Tests.Scheduling.SchedulerTestKit;

namespace Understudy.Engine.Tests.Scheduling;

public class ContinuousBatchSchedulerTests
{
    [Fact]
    public async Task Greedy_output_of_a_sequence_alone_equals_the_static_batch_generator()
    {
        using var model = Model();
        await using var scheduler = new ContinuousBatchScheduler(model);
        int[] prompt = Prompt(9, seed: 1);

        var run = await scheduler.GenerateAsync(new SequenceRequest(prompt, Greedy(20)), TestContext.Current.CancellationToken).CollectAsync();

        Assert.Equal(Alone(model, prompt, Greedy(20)), run.TokenIds);
        Assert.Equal(GenerationFinishReason.Length, run.Last.FinishReason);
        Assert.Equal(new SequenceUsage(9, 20), run.Last.Usage);
        Assert.All(run.Items.SkipLast(1), item => Assert.Null(item.FinishReason));
    }

    [Theory]
    [InlineData("llama")]
    [InlineData("qwen2")]
    [InlineData("qwen3")]
    [InlineData("mistral")]
    [InlineData("gemma")]
    [InlineData("gemma2")]
    [InlineData("phi3")]
    public async Task A_sequence_joining_a_running_batch_mid_way_gets_the_same_greedy_tokens_as_alone(string family)
    {
        using var model = Model(family);
        await using var scheduler = new ContinuousBatchScheduler(model);
        var ct = TestContext.Current.CancellationToken;
        int[] first = Prompt(5, seed: 2), second = Prompt(11, seed: 3);
        using var gate = new LoopGate();
        int secondTokens = 0, secondTokensSeenByFirst = 0;

        // The first sequence holds the loop at its 4th token until the second is queued: the second joins mid-way,
        // at a different position, while the first keeps decoding.
        var firstRun = scheduler.GenerateAsync(new SequenceRequest(first, Greedy(24))
        {
            StopWhen = gate.HoldAt(4, _ => { secondTokensSeenByFirst = Math.Max(secondTokensSeenByFirst, secondTokens); return false; }),
        }, ct).CollectAsync();
        gate.WaitUntilHeld();
        var secondRun = scheduler.GenerateAsync(new SequenceRequest(second, Greedy(16)) { StopWhen = _ => { secondTokens++; return false; } }, ct).CollectAsync();
        gate.Release();

        Assert.Equal(Alone(model, first, Greedy(24)), (await firstRun).TokenIds);
        Assert.Equal(Alone(model, second, Greedy(16)), (await secondRun).TokenIds);
        Assert.True(secondTokensSeenByFirst > 0, "The second sequence should have decoded while the first was still running.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public async Task Chunked_prefill_gives_the_same_tokens_as_unchunked(int chunk)
    {
        using var model = Model();
        int[] prompt = Prompt(40, seed: 4);
        var ct = TestContext.Current.CancellationToken;
        await using var whole = new ContinuousBatchScheduler(model, new SchedulerOptions { PrefillChunkTokens = 512 });
        await using var chunked = new ContinuousBatchScheduler(model, new SchedulerOptions { PrefillChunkTokens = chunk });

        var expected = await whole.GenerateAsync(new SequenceRequest(prompt, Greedy(16)), ct).CollectAsync();
        var actual = await chunked.GenerateAsync(new SequenceRequest(prompt, Greedy(16)), ct).CollectAsync();

        Assert.Equal(expected.TokenIds, actual.TokenIds);
        Assert.Equal(Alone(model, prompt, Greedy(16)), actual.TokenIds);
        Assert.Equal((40 + chunk - 1) / chunk, chunked.Metrics.PrefillChunks);
    }

    [Fact]
    public async Task A_long_prompt_is_prefilled_in_chunks_between_decode_steps_of_a_running_sequence()
    {
        using var model = Model();
        await using var scheduler = new ContinuousBatchScheduler(model, new SchedulerOptions { PrefillChunkTokens = 4 });
        var ct = TestContext.Current.CancellationToken;
        int[] running = Prompt(3, seed: 5), longPrompt = Prompt(40, seed: 6);
        using var gate = new LoopGate();
        bool longStarted = false;
        int runningTokens = 0, runningTokensWhileLongPrefills = 0;

        var runningRun = scheduler.GenerateAsync(new SequenceRequest(running, Greedy(40))
        {
            StopWhen = gate.HoldAt(2, _ => { if (++runningTokens > 2 && !longStarted) runningTokensWhileLongPrefills++; return false; }),
        }, ct).CollectAsync();
        gate.WaitUntilHeld();
        var longRun = scheduler.GenerateAsync(new SequenceRequest(longPrompt, Greedy(8)) { StopWhen = _ => { longStarted = true; return false; } }, ct).CollectAsync();
        gate.Release();

        Assert.Equal(Alone(model, running, Greedy(40)), (await runningRun).TokenIds);
        Assert.Equal(Alone(model, longPrompt, Greedy(8)), (await longRun).TokenIds);
        // 40 prompt tokens in chunks of 4 take 10 iterations; the running sequence decodes in the 9 before the last.
        Assert.Equal(9, runningTokensWhileLongPrefills);
    }

    [Fact]
    public async Task Cache_rows_that_move_when_a_sequence_leaves_and_a_cache_that_grows_keep_every_sequence_exact()
    {
        using var model = Model();
        var options = new SchedulerOptions { MaxBatchSize = 3, PrefillChunkTokens = 4, InitialCacheTokens = 2 };
        await using var scheduler = new ContinuousBatchScheduler(model, options);
        var ct = TestContext.Current.CancellationToken;
        using var gate = new LoopGate();
        int[] shortLived = Prompt(3, 90), steady = Prompt(3, 91), longPrompt = Prompt(40, 92);

        // The short-lived sequence leaves while the long prompt is still being prefilled in another row: the steady one
        // moves into its row, and the long one moves down when it starts decoding. Slots start at 2 positions and grow.
        var holder = scheduler.GenerateAsync(new SequenceRequest(Prompt(3, 0), Greedy(1)) { StopWhen = gate.HoldAt(1) }, ct).CollectAsync();
        gate.WaitUntilHeld();
        var runs = new[] { (shortLived, 3), (steady, 30), (longPrompt, 8) }
            .Select(r => scheduler.GenerateAsync(new SequenceRequest(r.Item1, Greedy(r.Item2)), ct).CollectAsync()).ToArray();
        gate.Release();
        await holder;
        var results = await Task.WhenAll(runs);

        Assert.Equal(Alone(model, shortLived, Greedy(3)), results[0].TokenIds);
        Assert.Equal(Alone(model, steady, Greedy(30)), results[1].TokenIds);
        Assert.Equal(Alone(model, longPrompt, Greedy(8)), results[2].TokenIds);
    }
}
