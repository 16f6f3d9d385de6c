using System.Diagnostics.Metrics;
using Understudy.Engine.Scheduling;
using static Understudy.Engine.Tests.Scheduling.SchedulerTestKit;

namespace Understudy.Engine.Tests.Scheduling;

public class SchedulerMetricsTests
{
    [Fact]
    public async Task Snapshot_counts_requests_tokens_and_latencies()
    {
        using var model = Model();
        await using var scheduler = new ContinuousBatchScheduler(model, new SchedulerOptions { MaxBatchSize = 2, MaxQueued = 9, PrefillChunkTokens = 4 });
        var ct = TestContext.Current.CancellationToken;
        int[][] prompts = [Prompt(3, 70), Prompt(6, 71), Prompt(9, 72)];

        await Task.WhenAll(prompts.Select(p => scheduler.GenerateAsync(new SequenceRequest(p, Greedy(5)), ct).CollectAsync()));
        var metrics = scheduler.Metrics;

        Assert.Equal(3, metrics.RequestsAdmitted);
        Assert.Equal(3, metrics.RequestsCompleted);
        Assert.Equal(0, metrics.RequestsCancelled + metrics.RequestsFailed + metrics.RequestsRejected);
        Assert.Equal(18, metrics.PromptTokens);
        Assert.True(metrics.PrefillChunks >= 1 + 2 + 3, "Each prompt needs at least ceil(length / 4) chunks.");
        Assert.Equal(15, metrics.GeneratedTokens);
        Assert.Equal((0, 0, 2, 9), (metrics.QueueDepth, metrics.RunningSequences, metrics.MaxBatchSize, metrics.MaxQueued));
        Assert.NotNull(metrics.MeanTimeToFirstToken);
        Assert.NotNull(metrics.MeanTimePerOutputToken);
        Assert.True(metrics.DecodeSteps is >= 4 and <= 12);
    }

    [Fact]
    public async Task Instruments_on_the_Understudy_Engine_meter_report_the_same_counts()
    {
        using var meters = new TestMeterFactory();
        using var listener = new MeterListener();
        var longs = new Dictionary<string, long>();
        var histogramCounts = new Dictionary<string, int>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (meters.Created.Contains(instrument.Meter)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string key = instrument.Name + "|" + string.Join(",", tags.ToArray().Where(t => t.Key != "gen_ai.request.model").Select(t => t.Value));
            lock (longs) longs[key] = longs.GetValueOrDefault(key) + value;
        });
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) =>
        {
            lock (histogramCounts) histogramCounts[instrument.Name] = histogramCounts.GetValueOrDefault(instrument.Name) + 1;
        });
        listener.Start();
        using var model = Model();
        await using var scheduler = new ContinuousBatchScheduler(model, new SchedulerOptions { MeterFactory = meters });
        var ct = TestContext.Current.CancellationToken;

        await Task.WhenAll(new[] { Prompt(3, 80), Prompt(5, 81) }.Select(p => scheduler.GenerateAsync(new SequenceRequest(p, Greedy(4)), ct).CollectAsync()));

        Assert.Equal(ContinuousBatchScheduler.MeterName, Assert.Single(meters.Created).Name);
        Assert.Equal(8, longs["understudy.scheduler.tokens|output"]);
        Assert.Equal(8, longs["understudy.scheduler.tokens|input"]);
        Assert.Equal(2, longs["understudy.scheduler.requests|length"]);
        Assert.Equal(2, histogramCounts["gen_ai.server.time_to_first_token"]);
        Assert.Equal(2, histogramCounts["gen_ai.server.request.duration"]);
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        public List<Meter> Created { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, this);
            lock (Created) Created.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Created) meter.Dispose();
        }
    }
}
