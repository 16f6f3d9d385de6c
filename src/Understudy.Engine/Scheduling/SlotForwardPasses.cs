using Understudy.Engine.Generation.Constraints;
using Understudy.Engine.Inference;
using Understudy.Engine.Models;
using Understudy.Engine.Kernels;
using static TorchSharp.torch;

namespace Understudy.Engine.Scheduling;

/// <summary>
/// The two forward passes of continuous batching over a <see cref="SlotKvCache"/>: a prefill chunk of one sequence
/// (T prompt tokens of one row) and a decode step of every decoding sequence (one token per row, rows at their own
/// positions). Each pass holds the model's compute lock and its own dispose scope, and returns sampled token ids.
/// </summary>
internal sealed class SlotForwardPasses(LocalModel model, SlotKvCache cache)
{
    private readonly CausalLanguageModel _network = model.Model;

    /// <summary>
    /// Feeds the next <paramref name="chunk"/> prompt tokens of <paramref name="sequence"/>; when that completes the
    /// prompt, returns the first generated token, otherwise null.
    /// </summary>
    public int? Prefill(ScheduledSequence sequence, int chunk)
    {
        int start = sequence.PrefilledTokens;
        bool completesPrompt = start + chunk == sequence.PromptLength;
        cache.EnsureSize(sequence.Slot + 1, start + chunk);
        var ids = new long[chunk];
        for (int i = 0; i < chunk; i++) ids[i] = sequence.Request.PromptIds[start + i];

        lock (model.ComputeLock)
        {
            using var inference = inference_mode();
            using var scope = NewDisposeScope();
            Tensor input = tensor(ids, [1, chunk], device: _network.Device);
            Tensor positions = arange(start, start + chunk, 1, ScalarType.Int64, _network.Device).unsqueeze(0);
            var pass = new ModelInput(input, positions, cache.ForRows(sequence.Slot, 1, null), start, LastPositionOnly: true);
            if (!completesPrompt)
            {
                _network.ForwardHidden(pass);
                sequence.Prefilled(chunk);
                return null;
            }
            Tensor logits = _network.call(pass).view(1, -1);                                 // [1, vocab]
            sequence.Prefilled(chunk);
            return Sample(logits, [sequence])[0];
        }
    }

    /// <summary>Feeds each sequence's newest token (rows [0, n) of the cache) and returns each one's next token.</summary>
    public int[] Decode(IReadOnlyList<ScheduledSequence> sequences)
    {
        int rows = sequences.Count;
        var ids = new long[rows];
        var positions = new long[rows];
        for (int row = 0; row < rows; row++) (ids[row], positions[row]) = (sequences[row].NextInputToken, sequences[row].NextInputPosition);
        long last = positions.Max();
        bool aligned = positions.All(p => p == last);
        cache.EnsureSize(rows, last + 1);

        lock (model.ComputeLock)
        {
            using var inference = inference_mode();
            using var scope = NewDisposeScope();
            Tensor input = tensor(ids, [rows, 1], device: _network.Device);
            Tensor positionIds = tensor(positions, [rows, 1], device: _network.Device);
            // Rows at different positions write and attend at their own slots; aligned rows take the plain path.
            Tensor? querySlots = aligned ? null : positionIds;
            var pass = new ModelInput(input, positionIds, cache.ForRows(0, rows, querySlots), last, LastPositionOnly: true, QuerySlots: querySlots);
            Tensor logits = _network.call(pass).view(rows, -1);                              // [rows, vocab]
            return Sample(logits, sequences);
        }
    }

    private static int[] Sample(Tensor logits, IReadOnlyList<ScheduledSequence> sequences)
    {
        var chosen = new int[sequences.Count];
        for (int row = 0; row < sequences.Count; row++)
        {
            if (sequences[row].Request.Constraint is { } constraint) Restrict(logits[row], constraint);
        }
        bool anyArgmax = sequences.Any(s => !s.Sampler!.NeedsProcessing);
        long[]? argmax = anyArgmax ? DecodeOps.GreedyIds(logits) : null;
        for (int row = 0; row < sequences.Count; row++)
        {
            var sampler = sequences[row].Sampler!;
            chosen[row] = sampler.NeedsProcessing ? sampler.Next(logits[row], sequences[row].SeenIds) : (int)argmax![row];
            sequences[row].Request.Constraint?.Accept(chosen[row]);
        }
        return chosen;
    }

    /// <summary>Sets the logits of the tokens <paramref name="constraint"/> rules out to -∞.</summary>
    private static void Restrict(Tensor rowLogits, ITokenConstraint constraint)
    {
        var allowed = new bool[rowLogits.shape[^1]];
        if (constraint.FillAllowed(allowed) == 0)
            throw new InvalidOperationException($"The sequence's {constraint.GetType().Name} allows no next token.");
        using Tensor mask = tensor(allowed, device: rowLogits.device);
        rowLogits.masked_fill_(mask.logical_not(), float.NegativeInfinity);
    }
}
