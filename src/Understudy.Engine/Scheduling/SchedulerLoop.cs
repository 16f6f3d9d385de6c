using System.Threading.Channels;
using Understudy.Engine.Generation;

namespace Understudy.Engine.Scheduling;

/// <summary>
/// The scheduler thread's loop. Each iteration, at a token boundary: takes new requests, drops cancelled ones (freeing
/// their slots), prefills waiting prompts within the <see cref="SchedulerOptions.PrefillChunkTokens"/> budget, then runs
/// one decode step of every decoding sequence. Decoding sequences sit in cache rows [0, n): when one leaves, the last
/// one moves into its row.
/// </summary>
internal sealed class SchedulerLoop(
    SchedulerOptions options, ChannelReader<ScheduledSequence> incoming, SlotKvCache cache, SlotForwardPasses passes,
    SchedulerTelemetry telemetry, Action leftQueue)
{
    private readonly List<ScheduledSequence> _waiting = [];
    private readonly List<ScheduledSequence> _decoding = [];
    private ScheduledSequence? _prefilling;
    private volatile bool _stopping;

    private int Running => _decoding.Count + (_prefilling is null ? 0 : 1);

    /// <summary>The error that ended the loop, if one did.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Asks the loop to end at the next token boundary, failing what is still queued or running.</summary>
    public void Stop() => _stopping = true;

    public void Run()
    {
        try
        {
            while (!_stopping)
            {
                if (Running == 0 && _waiting.Count == 0 && !incoming.WaitToReadAsync().AsTask().GetAwaiter().GetResult()) break;
                Iterate();
            }
        }
        catch (Exception e)
        {
            // Never rethrow on a dedicated thread (it would end the process): record the fault and fail every caller.
            Fault = e;
            FailEverything(new InvalidOperationException($"The scheduler loop failed: {e.Message}", e));
            return;
        }
        FailEverything(new ObjectDisposedException(nameof(ContinuousBatchScheduler), "The scheduler was disposed before this sequence finished."));
    }

    private void Iterate()
    {
        while (incoming.TryRead(out ScheduledSequence? next)) _waiting.Add(next);
        DropCancelled();
        PrefillWithinBudget();
        if (_decoding.Count > 0) DecodeStep();
    }

    private void DropCancelled()
    {
        for (int i = _waiting.Count - 1; i >= 0; i--)
        {
            if (!_waiting[i].CancelRequested) continue;
            var cancelled = _waiting[i];
            _waiting.RemoveAt(i);
            leftQueue();
            cancelled.Finish(GenerationFinishReason.Cancelled, null, telemetry);
        }
        if (_prefilling is { CancelRequested: true } prefilling)
        {
            _prefilling = null;
            prefilling.Finish(GenerationFinishReason.Cancelled, null, telemetry);
        }
        for (int row = _decoding.Count - 1; row >= 0; row--)
        {
            if (!_decoding[row].CancelRequested) continue;
            var cancelled = _decoding[row];
            RemoveDecodingRow(row);
            cancelled.Finish(GenerationFinishReason.Cancelled, null, telemetry);
        }
    }

    private void PrefillWithinBudget()
    {
        int budget = options.PrefillChunkTokens;
        while (budget > 0 && (_prefilling is not null || TryStartNext()))
        {
            var sequence = _prefilling!;
            int chunk = Math.Min(budget, sequence.PromptLength - sequence.PrefilledTokens);
            int? first;
            try
            {
                first = passes.Prefill(sequence, chunk);
            }
            catch (Exception e)
            {
                _prefilling = null;
                sequence.Fail(e, telemetry);
                continue;
            }
            budget -= chunk;
            telemetry.Prefilled(chunk);
            if (first is not int token) continue;

            _prefilling = null;
            if (Finished(sequence, token)) continue;
            // Join the decoding rows at row n (its cache row moves there unless it is there already).
            cache.Move(sequence.Slot, _decoding.Count, sequence.CachedLength);
            sequence.Slot = _decoding.Count;
            _decoding.Add(sequence);
        }
    }

    private bool TryStartNext()
    {
        while (_waiting.Count > 0 && Running < options.MaxBatchSize)
        {
            var next = _waiting[0];
            _waiting.RemoveAt(0);
            leftQueue();
            next.Start(_decoding.Count, telemetry);
            if (next.MaxNewTokens > 0)
            {
                _prefilling = next;
                return true;
            }
            next.Finish(GenerationFinishReason.Length, null, telemetry);
        }
        return false;
    }

    private void DecodeStep()
    {
        int[] next;
        try
        {
            next = passes.Decode(_decoding);
        }
        catch (Exception e)
        {
            foreach (var sequence in _decoding) sequence.Fail(e, telemetry);
            _decoding.Clear();
            return;
        }
        telemetry.DecodeStep();
        var finished = new bool[next.Length];
        for (int row = 0; row < next.Length; row++) finished[row] = Finished(_decoding[row], next[row]);
        // Downwards, so the row moved into a freed one has already been looked at.
        for (int row = next.Length - 1; row >= 0; row--) if (finished[row]) RemoveDecodingRow(row);
    }

    /// <summary>Hands <paramref name="token"/> to the sequence; finishes it (stream closed, slot no longer counted) when it ends.</summary>
    private bool Finished(ScheduledSequence sequence, int token)
    {
        try
        {
            if (sequence.Accept(token, telemetry) is not { } reason) return false;
            sequence.Finish(reason, reason == GenerationFinishReason.EndOfSequence ? null : token, telemetry);
        }
        catch (Exception e)
        {
            // A caller's StopWhen or the tokenizer failed on this sequence: it alone ends, with that error.
            sequence.Fail(e, telemetry);
        }
        return true;
    }

    private void RemoveDecodingRow(int row)
    {
        int last = _decoding.Count - 1;
        if (row != last)
        {
            var moved = _decoding[last];
            cache.Move(moved.Slot, row, moved.CachedLength);
            moved.Slot = row;
            _decoding[row] = moved;
        }
        _decoding.RemoveAt(last);
    }

    private void FailEverything(Exception error)
    {
        while (incoming.TryRead(out ScheduledSequence? next)) _waiting.Add(next);
        foreach (var sequence in _waiting)
        {
            leftQueue();
            sequence.Fail(error, telemetry);
        }
        _waiting.Clear();
        _prefilling?.Fail(error, telemetry);
        _prefilling = null;
        foreach (var sequence in _decoding) sequence.Fail(error, telemetry);
        _decoding.Clear();
    }
}
