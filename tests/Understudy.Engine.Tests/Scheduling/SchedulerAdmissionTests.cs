using Understudy.Engine.Generation;
using Understudy.Engine.Scheduling;
using static Understudy.Engine.Tests.Scheduling.SchedulerTestKit;

namespace Understudy.Engine.Tests.Scheduling;

public class SchedulerAdmissionTests
{
    [Fact]
    public async Task Submission_beyond_max_queued_fails_at_once_with_a_retry_after()
    {
        using var model = Model();
        await using var scheduler = new ContinuousBatchScheduler(model, new SchedulerOptions { MaxBatchSize = 1, MaxQueued = 1 });
        var ct = TestContext.Current.CancellationToken;
        using var gate = new LoopGate();

        var running = scheduler.GenerateAsync(new SequenceRequest(Prompt(4, 1), Greedy(6)) { StopWhen = gate.HoldAt(1) }, ct).CollectAsync();
        gate.WaitUntilHeld();
        var queued = scheduler.GenerateAsync(new SequenceRequest(Prompt(4, 2), Greedy(6)), ct).CollectAsync();
        var full = Assert.Throws<SchedulerQueueFullException>(() => scheduler.GenerateAsync(new SequenceRequest(Prompt(4, 3), Greedy(6)), ct));
        var whileFull = scheduler.Metrics;
        gate.Release();
        await running;
        await queued;

        Assert.Equal(1, full.MaxQueued);
        Assert.True(full.RetryAfter >= TimeSpan.FromSeconds(1));
        Assert.Equal(1, whileFull.QueueDepth);
        Assert.Equal(1, whileFull.RequestsRejected);
        Assert.Equal(2, scheduler.Metrics.RequestsCompleted);
        Assert.Equal(0, scheduler.Metrics.QueueDepth);
    }

    [Fact]
    public async Task No_more_than_max_batch_size_sequences_run_at_once_and_each_keeps_its_own_output()
    {
        using var model = Model();
        await using var scheduler = new ContinuousBatchScheduler(model, new SchedulerOptions { MaxBatchSize = 3 });
        var ct = TestContext.Current.CancellationToken;
        using var gate = new LoopGate();
        var runningSeen = new List<int>();
        Func<string, bool> watchBatch = _ => { runningSeen.Add(scheduler.Metrics.RunningSequences); return false; };

        // Hold the loop so all eight are queued before any starts.
        var holder = scheduler.GenerateAsync(new SequenceRequest(Prompt(3, 0), Greedy(1)) { StopWhen = gate.HoldAt(1) }, ct).CollectAsync();
        gate.WaitUntilHeld();
        var prompts = Enumerable.Range(1, 8).Select(i => Prompt(2 + i, seed: 10 + i)).ToArray();
        var runs = prompts.Select(p => scheduler.GenerateAsync(new SequenceRequest(p, Greedy(10)) { StopWhen = watchBatch }, ct).CollectAsync()).ToArray();
        gate.Release();
        await holder;
        var results = await Task.WhenAll(runs);

        Assert.Equal(3, runningSeen.Max());
        for (int i = 0; i < prompts.Length; i++) Assert.Equal(Alone(model, prompts[i], Greedy(10)), results[i].TokenIds);
    }

    [Fact]
    public async Task A_sequence_cancelled_mid_generation_frees_its_slot_and_the_others_are_unaffected()
    {
        using var model = Model();
        await using var scheduler = new ContinuousBatchScheduler(model, new SchedulerOptions { MaxBatchSize = 2 });
        var ct = TestContext.Current.CancellationToken;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var gate = new LoopGate();
        int[] doomed = Prompt(4, 20), neighbour = Prompt(6, 21), waiting = Prompt(5, 22);

        var holder = scheduler.GenerateAsync(new SequenceRequest(Prompt(3, 0), Greedy(1)) { StopWhen = gate.HoldAt(1) }, ct).CollectAsync();
        gate.WaitUntilHeld();
        // The doomed sequence cancels itself at its 3rd token; the waiting one can only start in the slot it frees.
        int doomedTokens = 0;
        var doomedRun = scheduler.GenerateAsync(new SequenceRequest(doomed, Greedy(60))
        {
            StopWhen = _ => { if (++doomedTokens == 3) cancel.Cancel(); return false; },
        }, cancel.Token).CollectAsync();
        var neighbourRun = scheduler.GenerateAsync(new SequenceRequest(neighbour, Greedy(30)), ct).CollectAsync();
        var waitingRun = scheduler.GenerateAsync(new SequenceRequest(waiting, Greedy(12)), ct).CollectAsync();
        gate.Release();
        await holder;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => doomedRun);
        Assert.Equal(Alone(model, neighbour, Greedy(30)), (await neighbourRun).TokenIds);
        Assert.Equal(Alone(model, waiting, Greedy(12)), (await waitingRun).TokenIds);
        var metrics = scheduler.Metrics;
        Assert.Equal(1, metrics.RequestsCancelled);
        Assert.Equal(1 + 3 + 30 + 12, metrics.GeneratedTokens);
        Assert.Equal(0, metrics.RunningSequences);
    }

    [Fact]
    public async Task Leaving_the_stream_early_cancels_the_sequence_and_frees_its_slot()
    {
        using var model = Model();
        await using var scheduler = new ContinuousBatchScheduler(model, new SchedulerOptions { MaxBatchSize = 1 });
        var ct = TestContext.Current.CancellationToken;
        using var gate = new LoopGate();

        var abandoned = scheduler.GenerateAsync(new SequenceRequest(Prompt(4, 30), Greedy(100)) { StopWhen = gate.HoldAt(2) }, ct);
        var next = scheduler.GenerateAsync(new SequenceRequest(Prompt(4, 31), Greedy(5)), ct).CollectAsync();
        await foreach (var first in abandoned)
        {
            Assert.NotNull(first.TokenId);
            break;
        }
        gate.Release();

        Assert.Equal(5, (await next).TokenIds.Count);
        Assert.Equal(1, scheduler.Metrics.RequestsCancelled);
        Assert.Equal(2 + 5, scheduler.Metrics.GeneratedTokens);
    }

    [Fact]
    public async Task A_request_cancelled_while_queued_leaves_the_queue()
    {
        using var model = Model();
        await using var scheduler = new ContinuousBatchScheduler(model, new SchedulerOptions { MaxBatchSize = 1 });
        var ct = TestContext.Current.CancellationToken;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var gate = new LoopGate();

        var running = scheduler.GenerateAsync(new SequenceRequest(Prompt(4, 40), Greedy(4)) { StopWhen = gate.HoldAt(1) }, ct).CollectAsync();
        gate.WaitUntilHeld();
        var queued = scheduler.GenerateAsync(new SequenceRequest(Prompt(4, 41), Greedy(4)), cancel.Token).CollectAsync();
        Assert.Equal(1, scheduler.Metrics.QueueDepth);
        cancel.Cancel();
        gate.Release();
        await running;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        await scheduler.GenerateAsync(new SequenceRequest(Prompt(4, 42), Greedy(1)), ct).CollectAsync();
        Assert.Equal(0, scheduler.Metrics.QueueDepth);
        Assert.Equal(1, scheduler.Metrics.RequestsCancelled);
        Assert.Equal(4 + 1, scheduler.Metrics.GeneratedTokens);
    }

    [Fact]
    public async Task Prompts_the_model_cannot_take_are_rejected_at_submission_naming_the_limit()
    {
        using var model = Model();
        await using var scheduler = new ContinuousBatchScheduler(model);
        var ct = TestContext.Current.CancellationToken;

        var tooLong = Assert.Throws<ArgumentException>(() => scheduler.GenerateAsync(new SequenceRequest(Prompt(128, 1), Greedy()), ct));
        var outOfVocabulary = Assert.Throws<ArgumentException>(() => scheduler.GenerateAsync(new SequenceRequest([1, 61], Greedy()), ct));

        Assert.Contains("max_position_embeddings", tooLong.Message);
        Assert.Contains("vocabulary", outOfVocabulary.Message);
        Assert.Equal(0, scheduler.Metrics.QueueDepth);
    }

    [Fact]
    public async Task Disposing_ends_running_streams_with_ObjectDisposedException_and_refuses_new_requests()
    {
        using var model = Model();
        var scheduler = new ContinuousBatchScheduler(model);
        var ct = TestContext.Current.CancellationToken;
        using var gate = new LoopGate();

        var running = scheduler.GenerateAsync(new SequenceRequest(Prompt(4, 50), Greedy(50)) { StopWhen = gate.HoldAt(1) }, ct).CollectAsync();
        gate.WaitUntilHeld();
        var disposing = scheduler.DisposeAsync();
        gate.Release();
        await disposing;

        await Assert.ThrowsAsync<ObjectDisposedException>(() => running);
        Assert.Throws<ObjectDisposedException>(() => scheduler.GenerateAsync(new SequenceRequest(Prompt(4, 51), Greedy()), ct));
    }
}
