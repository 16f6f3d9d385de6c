namespace Understudy.Pipelines.Duo;

/// <summary>One iteration of the loop: the student's scores and what was added to its training data afterwards.</summary>
/// <param name="StudentModelDir">The student trained in this iteration.</param>
/// <param name="TrainRows">Rows the student was trained on.</param>
/// <param name="SimilarityMean">The judge's mean similarity score of the student's answers (NaN when none was scored).</param>
/// <param name="PrecisionMean">The judge's mean precision score of the student's answers.</param>
/// <param name="Passed">Whether both means reached their thresholds.</param>
/// <param name="SyntheticRows">Synthetic rows generated after this iteration (0 when it passed or the loop stopped).</param>
/// <param name="StepSeconds">Wall time per step (step name → seconds; 0 for a step reused from the cache).</param>
public sealed record DuoIterationResult(
    int Iteration,
    string StudentModelDir,
    int TrainRows,
    double SimilarityMean,
    double PrecisionMean,
    bool Passed,
    int SyntheticRows,
    IReadOnlyDictionary<string, double> StepSeconds);
