using Understudy.Engine.Models;
using static TorchSharp.torch;

namespace Understudy.Engine.Training;

/// <summary>
/// Rows collated for one forward pass, right-padded to the longest row. Labels are already shifted: position t
/// holds the id to predict after t, or <see cref="IgnoreIndex"/> where there is nothing to learn (prompt tokens,
/// the last token of each packed example, padding).
/// </summary>
public sealed class TrainingBatch : IDisposable
{
    /// <summary>The label of positions without a loss (as in PyTorch's cross-entropy).</summary>
    public const long IgnoreIndex = -100;

    private TrainingBatch(Tensor inputIds, Tensor labels, Tensor positionIds, Tensor validSlots, Tensor? segmentIds, long tokens, long targets)
    {
        InputIds = inputIds;
        Labels = labels;
        PositionIds = positionIds;
        ValidSlots = validSlots;
        SegmentIds = segmentIds;
        Tokens = tokens;
        Targets = targets;
    }

    /// <summary>[B, T] int64 ids.</summary>
    public Tensor InputIds { get; }

    /// <summary>[B, T] int64 shifted labels.</summary>
    public Tensor Labels { get; }

    /// <summary>[B, T] int64 rotary positions, restarting at 0 for each packed example.</summary>
    public Tensor PositionIds { get; }

    /// <summary>[B, T] bool, false on padding.</summary>
    public Tensor ValidSlots { get; }

    /// <summary>[B, T] int64 example index within its row, or null when no row is packed.</summary>
    public Tensor? SegmentIds { get; }

    /// <summary>Real (non-padding) tokens.</summary>
    public long Tokens { get; }

    /// <summary>Positions with a label.</summary>
    public long Targets { get; }

    /// <summary>The forward pass's input.</summary>
    public ModelInput ToModelInput() => new(InputIds, PositionIds, ValidSlots: ValidSlots, SegmentIds: SegmentIds);

    /// <summary>Collates <paramref name="rows"/> on <paramref name="device"/>.</summary>
    public static TrainingBatch Collate(IReadOnlyList<TrainingRow> rows, long padTokenId, Device device)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("A batch needs at least one row.", nameof(rows));
        int width = rows.Max(r => r.Length);
        int count = rows.Count;
        var ids = new long[count * width];
        var labels = new long[count * width];
        var positions = new long[count * width];
        var segments = new long[count * width];
        var valid = new bool[count * width];
        Array.Fill(ids, padTokenId);
        Array.Fill(labels, IgnoreIndex);
        long tokens = 0, targets = 0;
        bool packed = rows.Any(r => r.Examples.Count > 1);
        for (int row = 0; row < count; row++)
        {
            int t = row * width;
            for (int segment = 0; segment < rows[row].Examples.Count; segment++)
            {
                var example = rows[row].Examples[segment];
                int length = example.InputIds.Count;
                for (int i = 0; i < length; i++, t++)
                {
                    ids[t] = example.InputIds[i];
                    positions[t] = i;
                    segments[t] = segment;
                    valid[t] = true;
                    if (i + 1 < length && example.IsTarget[i + 1])
                    {
                        labels[t] = example.InputIds[i + 1];
                        targets++;
                    }
                }
                tokens += length;
            }
            // Padding attends to nothing real and is never a target; keep its positions increasing for RoPE's sake.
            for (int p = 0; t < (row + 1) * width; t++, p++) { positions[t] = p; segments[t] = -1; }
        }
        long[] shape = [count, width];
        return new TrainingBatch(
            tensor(ids, shape, ScalarType.Int64, device),
            tensor(labels, shape, ScalarType.Int64, device),
            tensor(positions, shape, ScalarType.Int64, device),
            tensor(valid, shape, device: device),
            packed ? tensor(segments, shape, ScalarType.Int64, device) : null,
            tokens, targets);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        InputIds.Dispose();
        Labels.Dispose();
        PositionIds.Dispose();
        ValidSlots.Dispose();
        SegmentIds?.Dispose();
    }
}
