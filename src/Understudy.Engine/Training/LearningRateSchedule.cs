namespace Understudy.Engine.Training;

/// <summary>
/// The learning-rate multipliers of Hugging Face's schedulers (<c>get_scheduler</c>): a linear warm-up from 0 to 1
/// over <c>warmupSteps</c>, then linear decay to 0, half-cosine decay to 0, or constant. Step s is the number of
/// optimizer steps taken so far, as <see cref="TorchSharp.torch.optim.lr_scheduler.LambdaLR"/> counts them.
/// </summary>
public static class LearningRateSchedule
{
    /// <summary>The schedule names accepted in configs (<c>lr_scheduler_type</c>).</summary>
    public static IReadOnlyList<string> Names { get; } = ["linear", "cosine", "constant", "constant_with_warmup"];

    /// <summary>
    /// The multiplier function for <paramref name="name"/>. As in transformers, <c>constant</c> ignores warm-up and
    /// <c>constant_with_warmup</c> warms up and then stays at 1.
    /// </summary>
    public static Func<int, double> Create(string name, int warmupSteps, int totalSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(totalSteps);
        return name switch
        {
            "linear" => step => Linear(step, warmupSteps, totalSteps),
            "cosine" => step => Cosine(step, warmupSteps, totalSteps),
            "constant" => _ => 1.0,
            "constant_with_warmup" => step => step < warmupSteps ? Warmup(step, warmupSteps) : 1.0,
            _ => throw new ArgumentException(
                $"lr_scheduler_type '{name}' is not supported; use one of {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    /// <summary>max(0, (total − s) / (total − warmup)) after warm-up.</summary>
    public static double Linear(int step, int warmupSteps, int totalSteps)
    {
        if (step < warmupSteps) return Warmup(step, warmupSteps);
        return Math.Max(0.0, (double)(totalSteps - step) / Math.Max(1, totalSteps - warmupSteps));
    }

    /// <summary>max(0, ½(1 + cos(π·progress))) after warm-up, progress = (s − warmup) / (total − warmup).</summary>
    public static double Cosine(int step, int warmupSteps, int totalSteps)
    {
        if (step < warmupSteps) return Warmup(step, warmupSteps);
        double progress = (double)(step - warmupSteps) / Math.Max(1, totalSteps - warmupSteps);
        return Math.Max(0.0, 0.5 * (1.0 + Math.Cos(Math.PI * progress)));
    }

    private static double Warmup(int step, int warmupSteps) => (double)step / Math.Max(1, warmupSteps);
}
