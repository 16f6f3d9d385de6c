using Microsoft.Extensions.AI;
using Understudy.Engine.Models;
using static TorchSharp.torch;

namespace Understudy.Engine.Inference;

/// <summary>
/// <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> over a <see cref="LocalModel"/>: each text's embedding is the
/// mean of the final normalised hidden states over its real tokens (padding excluded), L2-normalised by default.
/// </summary>
public sealed class LocalEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly LocalModel _model;
    private readonly int _maxBatchSize;
    private readonly bool _normalize;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>Creates the generator over <paramref name="model"/> (not owned).</summary>
    public LocalEmbeddingGenerator(LocalModel model, int maxBatchSize = 16, bool normalize = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        _model = model;
        _maxBatchSize = maxBatchSize;
        _normalize = normalize;
        _metadata = new EmbeddingGeneratorMetadata(LocalChatClient.ProviderName, null, model.Id, model.Model.Config.HiddenSize);
    }

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToList();
        return Task.Run(() =>
        {
            var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
            long tokens = 0;
            foreach (var chunk in texts.Chunk(_maxBatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var ids = chunk.Select(t => _model.Tokenizer.Encode(t, addSpecialTokens: true)).ToArray();
                if (ids.FirstOrDefault(i => i.Count == 0) is not null)
                    throw new ArgumentException("A text encodes to no tokens; embeddings need at least one token.", nameof(values));
                tokens += ids.Sum(i => i.Count);
                lock (_model.ComputeLock) result.AddRange(Embed(ids).Select(v => new Embedding<float>(v) { ModelId = _model.Id, CreatedAt = DateTimeOffset.UtcNow }));
            }
            result.Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens };
            return result;
        }, cancellationToken);
    }

    private float[][] Embed(IReadOnlyList<int>[] prompts)
    {
        using var inference = inference_mode();
        using var scope = NewDisposeScope();
        int batch = prompts.Length, length = prompts.Max(p => p.Count);
        var ids = new long[batch * length];
        var positions = new long[batch * length];
        var valid = new bool[batch * length];
        for (int row = 0; row < batch; row++)
        {
            int pad = length - prompts[row].Count;
            for (int i = pad; i < length; i++)
            {
                ids[row * length + i] = prompts[row][i - pad];
                positions[row * length + i] = i - pad;
                valid[row * length + i] = true;
            }
        }
        Device device = _model.Model.Device;
        Tensor mask = tensor(valid, [batch, length], device: device);
        var input = new ModelInput(tensor(ids, [batch, length], device: device), tensor(positions, [batch, length], device: device), ValidSlots: mask);
        Tensor hidden = _model.Model.ForwardHidden(input).to_type(ScalarType.Float32);        // [B, T, hidden]
        Tensor weights = mask.to_type(ScalarType.Float32).unsqueeze(-1);                       // [B, T, 1]
        Tensor pooled = (hidden * weights).sum(1) / weights.sum(1);                            // [B, hidden]
        if (_normalize) pooled = nn.functional.normalize(pooled, p: 2, dim: -1);
        var data = pooled.cpu().data<float>().ToArray();
        int width = (int)pooled.shape[1];
        return Enumerable.Range(0, batch).Select(r => data.AsSpan(r * width, width).ToArray()).ToArray();
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(EmbeddingGeneratorMetadata)) return _metadata;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
