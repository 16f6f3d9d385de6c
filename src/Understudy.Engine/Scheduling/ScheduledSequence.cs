using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Understudy.Engine.Generation;
using Understudy.Engine.Tokenization;

namespace Understudy.Engine.Scheduling;

/// <summary>
/// A request's life inside the scheduler: queued, prefilling (its prompt enters its cache slot chunk by chunk),
/// decoding (one token per step), finished. Its state is touched only by the scheduler thread; callers see the
/// <see cref="Output"/> channel and may request cancellation from any thread.
/// </summary>
internal sealed class ScheduledSequence
{
    private readonly List<int> _generated = [];
    private readonly HashSet<int> _seen;
    private readonly StringBuilder _text = new();
    private readonly StopStringWatcher _watcher;
    private volatile bool _cancelRequested;
    private CancellationTokenRegistration _registration;
    private long _startedAt, _firstTokenAt;

    public ScheduledSequence(SequenceRequest request, ITokenizer tokenizer, int maxPositions)
    {
        Request = request;
        MaxNewTokens = Math.Min(request.Options.MaxNewTokens, maxPositions - request.PromptIds.Count);
        _seen = request.PromptIds.ToHashSet();
        _watcher = new StopStringWatcher(tokenizer, request.Options.StopStrings, piece => _text.Append(piece), request.StopWhen);
        SubmittedAt = Stopwatch.GetTimestamp();
    }

    public SequenceRequest Request { get; }

    public Channel<GeneratedToken> Output { get; } =
        Channel.CreateUnbounded<GeneratedToken>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    public int PromptLength => Request.PromptIds.Count;

    public int MaxNewTokens { get; }

    public long SubmittedAt { get; }

    /// <summary>The cache row; -1 while queued.</summary>
    public int Slot { get; set; } = -1;

    /// <summary>Prompt tokens already in the cache.</summary>
    public int PrefilledTokens { get; private set; }

    public bool IsPrefilled => PrefilledTokens == PromptLength;

    public TokenSampler? Sampler { get; private set; }

    public IReadOnlyCollection<int> SeenIds => _seen;

    public int GeneratedCount => _generated.Count;

    /// <summary>The token a decode step feeds: the newest generated one.</summary>
    public int NextInputToken => _generated[^1];

    /// <summary>The position (= cache slot position) of <see cref="NextInputToken"/>.</summary>
    public int NextInputPosition => PromptLength + _generated.Count - 1;

    /// <summary>Positions of this sequence held in its cache row.</summary>
    public int CachedLength => IsPrefilled && _generated.Count > 0 ? NextInputPosition : PrefilledTokens;

    public bool CancelRequested => _cancelRequested;

    public void ObserveCancellation(CancellationToken token) => _registration = token.Register(RequestCancel);

    public void RequestCancel() => _cancelRequested = true;

    /// <summary>Takes a cache slot and creates the sampler (on the scheduler thread).</summary>
    public void Start(int slot, SchedulerTelemetry telemetry)
    {
        Slot = slot;
        Sampler = new TokenSampler(Request.Options);
        _startedAt = Stopwatch.GetTimestamp();
        telemetry.SequenceStarted();
    }

    public void Prefilled(int tokens) => PrefilledTokens += tokens;

    /// <summary>Records a sampled token, streams what it completes, and says whether (and why) the sequence ends.</summary>
    public GenerationFinishReason? Accept(int token, SchedulerTelemetry telemetry)
    {
        if (_firstTokenAt == 0)
        {
            _firstTokenAt = Stopwatch.GetTimestamp();
            telemetry.FirstToken(Stopwatch.GetElapsedTime(SubmittedAt, _firstTokenAt));
        }
        if (Request.Options.EosTokenIds.Contains(token)) return GenerationFinishReason.EndOfSequence;
        _generated.Add(token);
        _seen.Add(token);
        telemetry.Generated(1);
        GenerationFinishReason? reason = _watcher.Append(token) ? GenerationFinishReason.StopSequence
            : _generated.Count >= MaxNewTokens ? GenerationFinishReason.Length
            : null;
        if (reason is null) Output.Writer.TryWrite(new GeneratedToken { TokenId = token, Text = TakeText() });
        return reason;
    }

    /// <summary>Writes the closing item (with <paramref name="lastToken"/> when the final step produced one) and ends the stream.</summary>
    public void Finish(GenerationFinishReason reason, int? lastToken, SchedulerTelemetry telemetry)
    {
        if (reason != GenerationFinishReason.Cancelled) _watcher.Finish();
        // Metrics first: a caller that saw its stream end sees them updated.
        Report(reason, telemetry);
        Output.Writer.TryWrite(new GeneratedToken
        {
            TokenId = lastToken,
            Text = TakeText(),
            FinishReason = reason,
            Usage = new SequenceUsage(PromptLength, _generated.Count),
        });
        Output.Writer.TryComplete();
    }

    /// <summary>Ends the stream with <paramref name="error"/>.</summary>
    public void Fail(Exception error, SchedulerTelemetry telemetry)
    {
        Report(null, telemetry);
        Output.Writer.TryComplete(error);
    }

    private void Report(GenerationFinishReason? reason, SchedulerTelemetry telemetry)
    {
        long now = Stopwatch.GetTimestamp();
        TimeSpan running = _startedAt == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_startedAt, now);
        TimeSpan? decoding = _firstTokenAt == 0 ? null : Stopwatch.GetElapsedTime(_firstTokenAt, now);
        telemetry.Finished(reason, _generated.Count, Stopwatch.GetElapsedTime(SubmittedAt, now), running, decoding, wasRunning: _startedAt != 0);
        Sampler?.Dispose();
        _registration.Dispose();
    }

    private string TakeText()
    {
        string text = _text.ToString();
        _text.Clear();
        return text;
    }
}
