using Understudy.Core.Runs;

namespace Understudy.Pipelines.Duo;

/// <summary>
/// The loop's fine-tuning step: trains the student on a train split and writes it to a folder the built-in engine
/// loads. The CLI binds it to the fine-tuning pipeline (<c>understudy finetune</c>); tests bind fakes.
/// </summary>
public interface IStudentTrainer
{
    /// <summary>Hash of the training configuration (hyperparameters), part of the step's cache key.</summary>
    string ConfigHash { get; }

    /// <summary>Trains (or continues training) and returns where the student is and how training went.</summary>
    Task<StudentTrainingResult> TrainAsync(StudentTrainingRequest request, IProgress<StepProgress>? progress, CancellationToken cancellationToken);
}
