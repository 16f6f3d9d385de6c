namespace Understudy.Pipelines.Duo;

/// <summary>One fine-tuning step of the loop.</summary>
/// <param name="TrainDatasetId">Dataset holding the training rows (coverage schema).</param>
/// <param name="TrainSplit">Its train split.</param>
/// <param name="EvalDatasetId">Dataset whose split gives the eval loss (the coverage test split).</param>
/// <param name="EvalSplit">That split.</param>
/// <param name="StartFrom">The model to start from: the base model, or the previous iteration's student.</param>
/// <param name="IsContinuation">True when <paramref name="StartFrom"/> is a student the loop trained before.</param>
/// <param name="OutputDir">Folder to write the trained student to (a rerun of the same request resumes there).</param>
public sealed record StudentTrainingRequest(
    string TrainDatasetId,
    string TrainSplit,
    string EvalDatasetId,
    string EvalSplit,
    string StartFrom,
    bool IsContinuation,
    string OutputDir);
