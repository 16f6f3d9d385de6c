namespace Understudy.Pipelines.Duo;

/// <summary>The training and eval loss curves of one fine-tuning step, as stored next to the student for the report.</summary>
public sealed record LossCurves(IReadOnlyList<LossPoint> Train, IReadOnlyList<LossPoint> Eval)
{
    /// <summary>The curves of a training result.</summary>
    public static LossCurves From(StudentTrainingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new LossCurves([.. result.TrainLoss.Select(p => new LossPoint(p.Step, p.Loss))], [.. result.EvalLoss.Select(p => new LossPoint(p.Step, p.Loss))]);
    }
}

/// <summary>One point of a loss curve.</summary>
public sealed record LossPoint(int Step, double Loss);
