using Understudy.Engine.Models;
using Understudy.Engine.Kernels;
using static TorchSharp.torch;

namespace Understudy.Engine.Generation;

/// <summary>
/// Generates continuations for a batch of prompts on token ids. Prompts are left-padded so every row's last prompt
/// token sits in the same cache slot; each row's position ids count only its own tokens, and padding slots are masked.
/// One pre-allocated <see cref="KvCache"/> serves the whole run; each step feeds one token per row.
/// Not thread-safe: one generation at a time per model (the chat client's queue serialises callers).
/// </summary>
public sealed class TokenGenerator
{
    private readonly CausalLanguageModel _model;

    /// <summary>Generates with <paramref name="model"/>.</summary>
    public TokenGenerator(CausalLanguageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
    }

    /// <summary>The model.</summary>
    public CausalLanguageModel Model => _model;

    /// <summary>Runs all <paramref name="requests"/> together and returns one result per request, in order.</summary>
    public IReadOnlyList<TokenGenerationResult> Generate(IReadOnlyList<TokenGenerationRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0) return [];
        using var inference = inference_mode();
        var batch = new GenerationBatch(requests, _model.Config.MaxPositionEmbeddings, PadTokenId());
        using var cache = new KvCache(_model.Config, batch.Size, batch.Capacity, _model.DType, _model.Device);
        using var validSlots = batch.HasPadding ? batch.CreateValidSlots(_model.Device) : null;
        var samplers = requests.Select(r => new TokenSampler(r.Options)).ToArray();
        try
        {
            long[] next = Step(batch.PromptIds(), batch.PromptPositions(), cache, 0, validSlots, samplers, batch);
            long offset = batch.PromptLength;
            while (batch.Accept(next))
            {
                if (validSlots is not null) using (var slot = validSlots.narrow(1, offset, 1)) slot.fill_(true);
                next = Step(next, batch.NextPositions(), cache, offset, validSlots, samplers, batch);
                offset++;
            }
        }
        finally
        {
            foreach (var sampler in samplers) sampler.Dispose();
        }
        return batch.Results();
    }

    private long[] Step(long[] ids, long[] positions, KvCache cache, long offset, Tensor? validSlots, TokenSampler[] samplers, GenerationBatch batch)
    {
        using var scope = NewDisposeScope();
        long steps = ids.Length / batch.Size;
        Tensor input = tensor(ids, [batch.Size, steps], device: _model.Device);
        Tensor positionIds = tensor(positions, [batch.Size, steps], device: _model.Device);
        Tensor? valid = validSlots?.narrow(1, 0, offset + steps);
        Tensor logits = _model.call(new ModelInput(input, positionIds, cache, offset, valid, LastPositionOnly: true))
            .view(batch.Size, -1);                                                          // [B, vocab]
        if (!samplers.Any(s => s.NeedsProcessing))
            return DecodeOps.GreedyIds(logits);

        var chosen = new long[batch.Size];
        for (int row = 0; row < batch.Size; row++)
        {
            if (!batch.IsActive(row)) continue;
            chosen[row] = samplers[row].Next(logits[row], batch.SeenIds(row));
        }
        return chosen;
    }

    private int PadTokenId() => _model.Config.PadTokenId ?? _model.Config.EosTokenId?.FirstOrDefault() ?? 0;
}
