using System.Text.Json;
using Microsoft.Extensions.AI;
using Understudy.Core.Datasets;

namespace Understudy.Llm.Failover.Shadow;

/// <summary>
/// Records shadow samples as rows of an evaluation input dataset in the batch-infer schema
/// (<see cref="InferenceRow"/>): <c>instructions</c> = the request, <c>target_responses</c> = the primary's answer
/// (the reference), <c>candidate_responses</c> = the fallback's, <c>model_id</c> = the fallback model, category
/// <c>shadow</c>. So <c>understudy evaluate --lm-response-ds-id ID --lm-response-ds-split shadow</c> judges the
/// understudy on live traffic. Rows are buffered and appended in batches; call <see cref="FlushAsync"/> (or dispose)
/// before exit so the last partial batch is written.
/// </summary>
public sealed class DatasetShadowRecorder : IShadowRecorder, IAsyncDisposable
{
    /// <summary>The category written on every shadow row.</summary>
    public const string Category = "shadow";

    private readonly IDatasetStore _store;
    private readonly DatasetProvenance _provenance;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<InferenceRow> _buffer = [];

    /// <param name="store">The dataset store (the workspace's).</param>
    /// <param name="datasetId">The dataset the rows go to.</param>
    /// <param name="split">The split the rows are appended to.</param>
    /// <param name="batchSize">Rows buffered before an append (a crash loses at most this many minus one).</param>
    public DatasetShadowRecorder(IDatasetStore store, string datasetId, string split = "shadow", int batchSize = 8)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetId);
        ArgumentException.ThrowIfNullOrWhiteSpace(split);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _store = store;
        DatasetId = datasetId;
        Split = split;
        BatchSize = batchSize;
        _provenance = DatasetProvenance.Manual("failover-shadow");
    }

    /// <summary>The dataset rows go to.</summary>
    public string DatasetId { get; }

    /// <summary>The split rows go to.</summary>
    public string Split { get; }

    /// <summary>Rows buffered before an append.</summary>
    public int BatchSize { get; }

    /// <inheritdoc />
    public async ValueTask RecordAsync(ShadowSample sample, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var row = ToRow(sample);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _buffer.Add(row);
            if (_buffer.Count >= BatchSize)
            {
                await AppendBufferAsync(cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes the buffered rows now.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await AppendBufferAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await FlushAsync();
        _gate.Dispose();
    }

    /// <summary>The row a sample becomes.</summary>
    public static InferenceRow ToRow(ShadowSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var instructions = Instructions(sample.Messages);
        var target = sample.Primary.Text;
        return new InferenceRow
        {
            PromptId = RowId.FromContent(instructions, target, sample.At.ToString("O")),
            Instructions = instructions,
            TargetResponses = target,
            CandidateResponses = sample.Fallback.Text,
            ModelId = sample.Fallback.ModelId ?? "unknown",
            ModelSha = "",
            GenerationConfig = JsonSerializer.Serialize(new
            {
                temperature = sample.Options?.Temperature,
                top_p = sample.Options?.TopP,
                max_tokens = sample.Options?.MaxOutputTokens,
                seed = sample.Options?.Seed,
                primary_model_id = sample.Primary.ModelId,
                answered_at = sample.At,
            }),
            Category = Category,
        };
    }

    // One user turn (with or without a system prompt) is the instruction itself; a longer chat is written out turn by turn.
    private static string Instructions(IReadOnlyList<ChatMessage> messages)
    {
        var turns = messages.Where(m => m.Role != ChatRole.System).ToList();
        return turns.Count == 1 ? turns[0].Text : string.Join("\n\n", turns.Select(m => $"{m.Role.Value}: {m.Text}"));
    }

    private async Task AppendBufferAsync(CancellationToken cancellationToken)
    {
        if (_buffer.Count == 0)
        {
            return;
        }

        await _store.AppendAsync(DatasetId, Split, [.. _buffer], _provenance, cancellationToken);
        _buffer.Clear();
    }
}
