using System.Diagnostics;
using System.Diagnostics.Metrics;
using Understudy.Engine.Generation;

namespace Understudy.Engine.Scheduling;

/// <summary>
/// Counts what a scheduler does, for its <see cref="SchedulerMetrics"/> snapshot and as instruments of the
/// "Understudy.Engine" meter (OpenTelemetry GenAI server names where they exist).
/// </summary>
internal sealed class SchedulerTelemetry : IDisposable
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(10);

    private readonly object _gate = new();
    private readonly SchedulerOptions _options;
    private readonly Func<int> _queueDepth;
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly KeyValuePair<string, object?> _modelTag;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _tokens;
    private readonly Histogram<double> _timeToFirstToken;
    private readonly Histogram<double> _timePerOutputToken;
    private readonly Histogram<double> _requestDuration;
    private readonly Queue<(long Timestamp, int Tokens)> _recentTokens = new();
    private SchedulerMetrics _totals;
    private int _running;
    private double _ttftSeconds, _tpotSeconds, _serviceSeconds;
    private long _ttftCount, _tpotCount, _serviceCount;

    public SchedulerTelemetry(string modelId, SchedulerOptions options, Func<int> queueDepth)
    {
        _options = options;
        _queueDepth = queueDepth;
        _totals = new SchedulerMetrics { MaxBatchSize = options.MaxBatchSize, MaxQueued = options.MaxQueued };
        _modelTag = new("gen_ai.request.model", modelId);
        _ownsMeter = options.MeterFactory is null;
        _meter = options.MeterFactory?.Create(ContinuousBatchScheduler.MeterName) ?? new Meter(ContinuousBatchScheduler.MeterName);
        _meter.CreateObservableGauge("understudy.scheduler.queue_depth", () => new Measurement<int>(_queueDepth(), _modelTag),
            "{request}", "Requests waiting for a slot.");
        _meter.CreateObservableGauge("understudy.scheduler.running_sequences", () => new Measurement<int>(Volatile.Read(ref _running), _modelTag),
            "{sequence}", "Sequences in the running batch.");
        _meter.CreateObservableGauge("understudy.scheduler.tokens_per_second", () => new Measurement<double>(Snapshot().GeneratedTokensPerSecond, _modelTag),
            "{token}/s", "Generated tokens per second over the last seconds.");
        _requests = _meter.CreateCounter<long>("understudy.scheduler.requests", "{request}", "Requests by outcome (rejected, end_of_sequence, stop_sequence, length, cancelled, failed).");
        _tokens = _meter.CreateCounter<long>("understudy.scheduler.tokens", "{token}", "Tokens processed, by gen_ai.token.type (input or output).");
        _timeToFirstToken = _meter.CreateHistogram<double>("gen_ai.server.time_to_first_token", "s", "Time from submission to the first output token.");
        _timePerOutputToken = _meter.CreateHistogram<double>("gen_ai.server.time_per_output_token", "s", "Time per output token after the first.");
        _requestDuration = _meter.CreateHistogram<double>("gen_ai.server.request.duration", "s", "Time from submission to the end of the sequence.");
    }

    public void Admitted() => Update(m => m with { RequestsAdmitted = m.RequestsAdmitted + 1 });

    public void Rejected()
    {
        Update(m => m with { RequestsRejected = m.RequestsRejected + 1 });
        _requests.Add(1, _modelTag, new("understudy.outcome", "rejected"));
    }

    public void SequenceStarted() => Interlocked.Increment(ref _running);

    public void Prefilled(int tokens)
    {
        Update(m => m with { PromptTokens = m.PromptTokens + tokens, PrefillChunks = m.PrefillChunks + 1 });
        _tokens.Add(tokens, _modelTag, new("gen_ai.token.type", "input"));
    }

    public void DecodeStep() => Update(m => m with { DecodeSteps = m.DecodeSteps + 1 });

    public void Generated(int tokens)
    {
        lock (_gate)
        {
            _totals = _totals with { GeneratedTokens = _totals.GeneratedTokens + tokens };
            _recentTokens.Enqueue((Stopwatch.GetTimestamp(), tokens));
        }
        _tokens.Add(tokens, _modelTag, new("gen_ai.token.type", "output"));
    }

    public void FirstToken(TimeSpan sinceSubmission)
    {
        lock (_gate) { _ttftSeconds += sinceSubmission.TotalSeconds; _ttftCount++; }
        _timeToFirstToken.Record(sinceSubmission.TotalSeconds, _modelTag);
    }

    /// <summary>Records a sequence's end; <paramref name="decoding"/> is the time after its first token.</summary>
    public void Finished(GenerationFinishReason? reason, int outputTokens, TimeSpan total, TimeSpan running, TimeSpan? decoding, bool wasRunning)
    {
        if (wasRunning) Interlocked.Decrement(ref _running);
        lock (_gate)
        {
            _totals = reason switch
            {
                null => _totals with { RequestsFailed = _totals.RequestsFailed + 1 },
                GenerationFinishReason.Cancelled => _totals with { RequestsCancelled = _totals.RequestsCancelled + 1 },
                _ => _totals with { RequestsCompleted = _totals.RequestsCompleted + 1 },
            };
            _serviceSeconds += running.TotalSeconds;
            _serviceCount++;
            if (decoding is { } d && outputTokens > 1) { _tpotSeconds += d.TotalSeconds / (outputTokens - 1); _tpotCount++; }
        }
        _requests.Add(1, _modelTag, new("understudy.outcome", Outcome(reason)));
        _requestDuration.Record(total.TotalSeconds, _modelTag);
        if (decoding is { } decode && outputTokens > 1) _timePerOutputToken.Record(decode.TotalSeconds / (outputTokens - 1), _modelTag);
    }

    /// <summary>
    /// How long a refused caller should wait: the queue's share of the mean sequence run time per batch slot, in whole
    /// seconds between 1 and 60.
    /// </summary>
    public TimeSpan SuggestRetryAfter(int queued)
    {
        double meanService;
        lock (_gate) meanService = _serviceCount == 0 ? 1.0 : _serviceSeconds / _serviceCount;
        double seconds = Math.Ceiling(Math.Clamp(meanService * (queued + 1) / _options.MaxBatchSize, 1, 60));
        return TimeSpan.FromSeconds(seconds);
    }

    public SchedulerMetrics Snapshot()
    {
        lock (_gate)
        {
            long now = Stopwatch.GetTimestamp();
            while (_recentTokens.Count > 0 && Stopwatch.GetElapsedTime(_recentTokens.Peek().Timestamp, now) > RateWindow) _recentTokens.Dequeue();
            double span = _recentTokens.Count == 0 ? 0 : Stopwatch.GetElapsedTime(_recentTokens.Peek().Timestamp, now).TotalSeconds;
            // Tokens after the oldest entry arrived within the span that entry opens.
            int recent = _recentTokens.Sum(e => e.Tokens) - (_recentTokens.Count == 0 ? 0 : _recentTokens.Peek().Tokens);
            return _totals with
            {
                QueueDepth = _queueDepth(),
                RunningSequences = Volatile.Read(ref _running),
                MeanTimeToFirstToken = _ttftCount == 0 ? null : TimeSpan.FromSeconds(_ttftSeconds / _ttftCount),
                MeanTimePerOutputToken = _tpotCount == 0 ? null : TimeSpan.FromSeconds(_tpotSeconds / _tpotCount),
                GeneratedTokensPerSecond = span > 0 ? recent / span : 0,
            };
        }
    }

    private void Update(Func<SchedulerMetrics, SchedulerMetrics> change)
    {
        lock (_gate) _totals = change(_totals);
    }

    private static string Outcome(GenerationFinishReason? reason) => reason switch
    {
        null => "failed",
        GenerationFinishReason.EndOfSequence => "end_of_sequence",
        GenerationFinishReason.StopSequence => "stop_sequence",
        GenerationFinishReason.Length => "length",
        _ => "cancelled",
    };

    public void Dispose()
    {
        if (_ownsMeter) _meter.Dispose();
    }
}
