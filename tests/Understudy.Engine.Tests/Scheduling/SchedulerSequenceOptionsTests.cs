using Understudy.Engine.Generation;
using Understudy.Engine.Scheduling;
using static Understudy.Engine.Tests.Scheduling.SchedulerTestKit;

namespace Understudy.Engine.Tests.Scheduling;

public class SchedulerSequenceOptionsTests
{
    [Fact]
    public async Task Sequences_in_one_batch_keep_their_own_sampling_and_stopping_options()
    {
        using var model = Model();
        await using var scheduler = new ContinuousBatchScheduler(model);
        var ct = TestContext.Current.CancellationToken;
        using var gate = new LoopGate();
        int[] prompt = Prompt(6, seed: 60);
        GenerationOptions[] options =
        [
            Greedy(14),
            Greedy(14) with { DoSample = true, Temperature = 1.5, TopK = 20, TopP = 0.9, Seed = 42 },
            Greedy(14) with { DoSample = true, Temperature = 1.5, MinP = 0.05, Seed = 7 },
            Greedy(14) with { RepetitionPenalty = 1.3 },
            Greedy(3),
        ];

        // All five are queued before any starts, so they run as one batch.
        var holder = scheduler.GenerateAsync(new SequenceRequest(Prompt(3, 0), Greedy(1)) { StopWhen = gate.HoldAt(1) }, ct).CollectAsync();
        gate.WaitUntilHeld();
        var runs = options.Select(o => scheduler.GenerateAsync(new SequenceRequest(prompt, o), ct).CollectAsync()).ToArray();
        gate.Release();
        await holder;
        var results = await Task.WhenAll(runs);

        for (int i = 0; i < options.Length; i++) Assert.Equal(Alone(model, prompt, options[i]), results[i].TokenIds);
        Assert.Equal(5, results.Select(r => string.Join(",", r.TokenIds)).Distinct().Count());
        Assert.Equal(3, results[^1].Last.Usage!.OutputTokenCount);
    }

    [Fact]
    public async Task Stop_strings_cut_the_streamed_text_like_the_text_generator()
    {
        using var model = Model();
        await using var scheduler = new ContinuousBatchScheduler(model);
        var ct = TestContext.Current.CancellationToken;
        var ids = model.Tokenizer.Encode("hello");
        string free = model.Text.Generate([new TextGenerationRequest("hello", Greedy(24))])[0].Text;
        string stop = free.Substring(5, 2);

        var expected = model.Text.Generate([new TextGenerationRequest("hello", Greedy(24) with { StopStrings = [stop] })])[0];
        var run = await scheduler.GenerateAsync(new SequenceRequest(ids, Greedy(24) with { StopStrings = [stop] }), ct).CollectAsync();

        Assert.Equal(expected.Text, run.Text);
        Assert.Equal(expected.TokenIds, run.TokenIds);
        Assert.Equal(GenerationFinishReason.StopSequence, run.Last.FinishReason);
        Assert.Equal(run.Last.TokenId, run.TokenIds[^1]);
    }

    [Fact]
    public async Task An_eos_token_ends_the_sequence_with_a_closing_item_that_carries_no_token()
    {
        using var model = Model();
        await using var scheduler = new ContinuousBatchScheduler(model);
        var ct = TestContext.Current.CancellationToken;
        int[] prompt = Prompt(5, seed: 61);
        var free = Alone(model, prompt, Greedy(12));
        int eos = free[4];

        var run = await scheduler.GenerateAsync(new SequenceRequest(prompt, Greedy(12) with { EosTokenIds = [eos] }), ct).CollectAsync();

        Assert.Equal(free.Take(free.ToList().IndexOf(eos)), run.TokenIds);
        Assert.Equal(GenerationFinishReason.EndOfSequence, run.Last.FinishReason);
        Assert.Null(run.Last.TokenId);
        Assert.Equal(run.TokenIds.Count, run.Last.Usage!.OutputTokenCount);
    }

    [Fact]
    public async Task Zero_max_new_tokens_finishes_at_once_with_length()
    {
        using var model = Model();
        await using var scheduler = new ContinuousBatchScheduler(model);

        var run = await scheduler.GenerateAsync(new SequenceRequest(Prompt(4, 62), Greedy(0)), TestContext.Current.CancellationToken).CollectAsync();

        var only = Assert.Single(run.Items);
        Assert.Equal(GenerationFinishReason.Length, only.FinishReason);
        Assert.Equal(new SequenceUsage(4, 0), only.Usage);
    }

    [Fact]
    public async Task A_failing_StopWhen_ends_only_its_own_sequence()
    {
        using var model = Model();
        await using var scheduler = new ContinuousBatchScheduler(model);
        var ct = TestContext.Current.CancellationToken;
        int[] prompt = Prompt(5, seed: 63);

        var broken = scheduler.GenerateAsync(new SequenceRequest(prompt, Greedy(8)) { StopWhen = _ => throw new FormatException("bad callback") }, ct).CollectAsync();
        var fine = scheduler.GenerateAsync(new SequenceRequest(prompt, Greedy(8)), ct).CollectAsync();

        await Assert.ThrowsAsync<FormatException>(() => broken);
        Assert.Equal(Alone(model, prompt, Greedy(8)), (await fine).TokenIds);
        Assert.Equal(1, scheduler.Metrics.RequestsFailed);
    }
}
