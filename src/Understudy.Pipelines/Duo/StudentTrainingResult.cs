namespace Understudy.Pipelines.Duo;

/// <summary>A trained student and its training curves.</summary>
/// <param name="ModelDir">Folder the built-in engine loads (merged weights, config, tokenizer).</param>
/// <param name="TrainLoss">(step, loss) pairs of the training loss.</param>
/// <param name="EvalLoss">(step, loss) pairs of the eval loss.</param>
public sealed record StudentTrainingResult(
    string ModelDir,
    IReadOnlyList<(int Step, double Loss)> TrainLoss,
    IReadOnlyList<(int Step, double Loss)> EvalLoss,
    long TrainedTokens,
    int Steps,
    int TrainRows,
    TimeSpan WallTime);
