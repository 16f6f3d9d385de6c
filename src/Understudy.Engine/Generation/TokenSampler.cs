using static TorchSharp.torch;

namespace Understudy.Engine.Generation;

/// <summary>
/// Picks a row's next token from its logits, applying (in Hugging Face's order) repetition penalty, temperature,
/// top-k, top-p and min-p, then sampling with the row's own seeded generator, or taking the argmax when greedy.
/// </summary>
public sealed class TokenSampler : IDisposable
{
    private readonly GenerationOptions _options;
    private readonly Generator? _generator;

    /// <summary>Creates the sampler; sampling rows get a generator seeded with <see cref="GenerationOptions.Seed"/>.</summary>
    public TokenSampler(GenerationOptions options)
    {
        _options = options;
        if (!options.IsGreedy) _generator = new Generator((ulong)(options.Seed ?? Random.Shared.NextInt64()));
    }

    /// <summary>True when this row needs more than an argmax of the raw logits.</summary>
    public bool NeedsProcessing => !_options.IsGreedy || _options.RepetitionPenalty != 1.0;

    /// <summary>Chooses the next token from logits [vocab] given the ids seen so far (prompt + generated).</summary>
    public int Next(Tensor logits, IReadOnlyCollection<int> seenIds)
    {
        using var scope = NewDisposeScope();
        Tensor scores = logits.to_type(ScalarType.Float32, copy: true);
        if (_options.RepetitionPenalty != 1.0 && seenIds.Count > 0) ApplyRepetitionPenalty(scores, seenIds);
        if (_options.IsGreedy) return (int)scores.argmax().item<long>();

        scores.div_(_options.Temperature);
        if (_options.TopK is int k && k < scores.shape[0])
        {
            Tensor kth = scores.topk(k).values[k - 1];
            scores.masked_fill_(scores < kth, double.NegativeInfinity);
        }
        if (_options.TopP is double p && p < 1.0)
        {
            var (sorted, order) = scores.sort(0, descending: false);
            Tensor remove = sorted.softmax(0).cumsum(0) <= 1 - p;
            remove[-1] = tensor(false);                                  // always keep the most likely token
            scores.masked_fill_(zeros_like(remove).scatter_(0, order, remove), double.NegativeInfinity);
        }
        if (_options.MinP is double minP && minP > 0)
        {
            Tensor probabilities = scores.softmax(0);
            scores.masked_fill_(probabilities < probabilities.max() * minP, double.NegativeInfinity);
        }
        return (int)scores.softmax(0).multinomial(1, generator: _generator).item<long>();
    }

    // transformers.RepetitionPenaltyLogitsProcessor: divide positive logits by the penalty, multiply negative ones.
    private void ApplyRepetitionPenalty(Tensor scores, IReadOnlyCollection<int> seenIds)
    {
        Tensor ids = tensor(seenIds.Distinct().Select(i => (long)i).ToArray(), device: scores.device);
        Tensor seen = scores.gather(0, ids);
        Tensor penalised = where(seen < 0, seen * _options.RepetitionPenalty, seen / _options.RepetitionPenalty);
        scores.scatter_(0, ids, penalised);
    }

    /// <inheritdoc />
    public void Dispose() => _generator?.Dispose();
}
