using Understudy.Core.Datasets;
using Understudy.Core.Runs;
using Understudy.Pipelines.FineTuning;

namespace Understudy.Pipelines.Duo;

/// <summary>
/// The loop's fine-tuning step bound to the fine-tuning pipeline (<c>understudy finetune</c>): the step file's
/// hyperparameters, with the model to start from, the train set (<c>dataset_mixer</c>), its splits and the output
/// folder wired per iteration. Full fine-tuning and LoRA both work; with LoRA the merged model is what the loop runs.
/// </summary>
public sealed class FineTuningStudentTrainer : IStudentTrainer
{
    private readonly IDatasetStore _store;
    private readonly StepConfigFile<SftConfig> _file;
    private readonly IProgress<Engine.Training.TrainingProgress>? _trainingProgress;

    /// <param name="file">The <c>steps.finetune</c> file (or defaults).</param>
    /// <param name="trainingProgress">Per-step loss and learning rate (optional).</param>
    public FineTuningStudentTrainer(IDatasetStore store, StepConfigFile<SftConfig> file, IProgress<Engine.Training.TrainingProgress>? trainingProgress = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(file);
        _store = store;
        _file = file;
        _trainingProgress = trainingProgress;
        ConfigHash = file.Load(Wiring(new StudentTrainingRequest("train-ds", "train", "test-ds", "test", "start", false, "out"))).Hash;
    }

    /// <inheritdoc />
    public string ConfigHash { get; }

    /// <summary>Wired keys the step file also sets.</summary>
    public IReadOnlyList<string> Warnings => _file.Warnings;

    /// <inheritdoc />
    public async Task<StudentTrainingResult> TrainAsync(StudentTrainingRequest request, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        SftConfig config = _file.Load(Wiring(request)).Config;
        FineTuningResult result = await new FineTuningPipeline(_store, trainingProgress: _trainingProgress).RunAsync(config, progress, cancellationToken);
        string modelDir = result.ModelDir ?? throw new InvalidOperationException(
            $"steps.finetune: training wrote only an adapter ({result.AdapterDir}); the loop runs the student on the built-in engine, " +
            "which needs the full model: set save_merged_model: true.");
        return new StudentTrainingResult(modelDir,
            [.. result.TrainLoss.Select(p => (p.Step, p.Loss))], [.. result.EvalLoss.Select(p => (p.Step, p.Loss))],
            result.TrainedTokens, result.Steps, result.TrainExamples, result.WallTime);
    }

    /// <summary>
    /// The per-iteration keys. The student trains on the train split of its dataset and measures eval loss on that
    /// dataset's test split (merge carries the coverage test split along); the config hash is taken with placeholder
    /// values, so it covers only the hyperparameters.
    /// </summary>
    private static Dictionary<string, string> Wiring(StudentTrainingRequest request) => new(StringComparer.Ordinal)
    {
        ["model_name_or_path"] = request.StartFrom,
        ["dataset_mixer"] = $"{request.TrainDatasetId}=1.0",
        ["dataset_splits"] = $"{request.TrainSplit},{request.EvalSplit}",
        ["output_dir"] = request.OutputDir,
    };
}
