namespace Understudy.Engine.Training;

/// <summary>
/// The step arithmetic of a run. Micro-batches form one stream across epochs (epoch e is a seeded permutation of
/// the rows); optimizer step s consumes micro-batches [s·accum, (s+1)·accum). With max_steps ≤ 0 the run takes
/// ⌈epochs × batches per epoch / accum⌉ steps, as transformers' Trainer does.
/// </summary>
public sealed class TrainingPlan(int rows, int batchesPerEpoch, int totalSteps, int warmupSteps, int accumulationSteps)
{
    /// <summary>Training rows.</summary>
    public int Rows { get; } = rows;

    /// <summary>Micro-batches per pass over the rows.</summary>
    public int BatchesPerEpoch { get; } = batchesPerEpoch;

    /// <summary>Optimizer steps of the run.</summary>
    public int TotalSteps { get; } = totalSteps;

    /// <summary>Warm-up optimizer steps.</summary>
    public int WarmupSteps { get; } = warmupSteps;

    /// <summary>Micro-batches per optimizer step.</summary>
    public int AccumulationSteps { get; } = accumulationSteps;

    /// <summary>Resolves the plan for <paramref name="rows"/> training rows.</summary>
    public static TrainingPlan For(int rows, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (rows == 0) throw new ArgumentException("There are no training examples.", nameof(rows));
        int batches = (rows + options.TrainBatchSize - 1) / options.TrainBatchSize;
        int accum = options.GradientAccumulationSteps;
        int total = options.MaxSteps > 0
            ? options.MaxSteps
            : Math.Max(1, (int)Math.Ceiling(options.NumTrainEpochs * batches / accum - 1e-9));
        int warmup = options.WarmupSteps > 0 ? options.WarmupSteps : (int)Math.Ceiling(options.WarmupRatio * total - 1e-9);
        return new TrainingPlan(rows, batches, total, warmup, accum);
    }

    /// <summary>Fractional epochs completed after <paramref name="step"/> steps.</summary>
    public double EpochAfter(int step) => (double)step * AccumulationSteps / BatchesPerEpoch;

    /// <summary>True when step <paramref name="step"/> (1-based count of steps done) finished an epoch.</summary>
    public bool EndsEpoch(int step) =>
        (long)step * AccumulationSteps / BatchesPerEpoch > (long)(step - 1) * AccumulationSteps / BatchesPerEpoch;

    /// <summary>The rows of micro-batch <paramref name="index"/> of the stream (seeded order per epoch).</summary>
    public IReadOnlyList<int> RowsOfMicroBatch(long index, int batchSize, long seed)
    {
        int epoch = (int)(index / BatchesPerEpoch);
        int batch = (int)(index % BatchesPerEpoch);
        int[] order = EpochOrder(epoch, seed);
        return order.Skip(batch * batchSize).Take(batchSize).ToArray();
    }

    private int[] _cachedOrder = [];
    private int _cachedEpoch = -1;

    private int[] EpochOrder(int epoch, long seed)
    {
        if (epoch == _cachedEpoch) return _cachedOrder;
        int[] order = Enumerable.Range(0, Rows).ToArray();
        // System.Random with a seed is stable across processes and runtimes (HashCode is not).
        new Random(unchecked((int)(seed * 1_000_003 + epoch)) & int.MaxValue).Shuffle(order);
        (_cachedEpoch, _cachedOrder) = (epoch, order);
        return order;
    }
}
