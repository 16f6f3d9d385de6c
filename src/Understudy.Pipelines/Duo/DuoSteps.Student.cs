using System.Text.Json;
using Understudy.Core.Lineage;
using Understudy.Pipelines.BatchInference;

namespace Understudy.Pipelines.Duo;

/// <summary>The student's steps (fine-tune, batch-infer) and the teacher's one batch-infer over the test split.</summary>
internal sealed partial class DuoSteps
{
    /// <summary>Name of the file (in the student's output folder) holding the loss curves, read back by the report.</summary>
    public const string LossCurvesFile = "duo-loss-curves.json";

    /// <summary>The base model as an artifact: a folder is hashed; a Hub id is named by its id.</summary>
    public static async Task<ArtifactRef> BaseModelAsync(string baseModel, CancellationToken cancellationToken) =>
        Directory.Exists(baseModel)
            ? new ArtifactRef("start", ArtifactKinds.Model, baseModel, await ContentHash.OfDirectoryAsync(baseModel, cancellationToken), Path.GetFullPath(baseModel))
            : new ArtifactRef("start", ArtifactKinds.Model, baseModel, ContentHash.OfParts("hub", baseModel), baseModel);

    /// <summary>Fine-tunes the student of <paramref name="iteration"/>, starting from <paramref name="startFrom"/>.</summary>
    public async Task<StepRecord> FinetuneAsync(int iteration, ArtifactRef startFrom, bool isContinuation, CancellationToken cancellationToken)
    {
        string trainDataset = _layout.TrainDataset(iteration), trainSplit = _layout.TrainSplit(iteration);
        ArtifactRef train = await Describe("train", trainDataset, trainSplit, cancellationToken);
        string evalSplit = _layout.TestSplitOf(iteration);
        ArtifactRef eval = await Describe("eval", trainDataset, evalSplit, cancellationToken);
        var step = new StepDefinition(StepId(iteration, "finetune"), "finetune", iteration, _services.Trainer.ConfigHash,
            [train, eval, startFrom with { Role = "start" }]);
        string outputDir = _layout.StudentDir(iteration, step.CacheKey);
        return await RunAsync(step, async (progress, ct) =>
        {
            var request = new StudentTrainingRequest(trainDataset, trainSplit, trainDataset, evalSplit,
                startFrom.Location, isContinuation, outputDir);
            StudentTrainingResult result = await _services.Trainer.TrainAsync(request, progress, ct);
            string curvesPath = Path.Combine(outputDir, LossCurvesFile);
            Directory.CreateDirectory(outputDir);
            await File.WriteAllTextAsync(curvesPath, JsonSerializer.Serialize(LossCurves.From(result)), ct);
            string modelDir = Path.GetFullPath(result.ModelDir);
            var metrics = new Dictionary<string, double>
            {
                [DuoMetrics.TrainRows] = result.TrainRows,
                ["steps"] = result.Steps,
                ["trained_tokens"] = result.TrainedTokens,
                ["final_train_loss"] = result.TrainLoss.Count > 0 ? result.TrainLoss[^1].Loss : double.NaN,
                ["final_eval_loss"] = result.EvalLoss.Count > 0 ? result.EvalLoss[^1].Loss : double.NaN,
            };
            return ([new ArtifactRef("model", ArtifactKinds.Model, modelDir, await ContentHash.OfDirectoryAsync(modelDir, ct), modelDir),
                new ArtifactRef("loss_curves", ArtifactKinds.File, curvesPath, await ContentHash.OfFileAsync(curvesPath, ct), curvesPath)], metrics);
        }, cancellationToken);
    }

    /// <summary>The student of <paramref name="iteration"/> answers the test split.</summary>
    public async Task<StepRecord> InferStudentAsync(int iteration, ArtifactRef model, CancellationToken cancellationToken)
    {
        var wiring = TestWiring(iteration).Set("ft_model_id", model.Location).Set("ft_model_revision", "main")
            .Set("ft_model_base_url", "").Set("torch_dtype", _config.Student.TorchDtype);
        var (config, hash) = _batchInfer.Load(wiring.Values);
        return await InferAsync(iteration, config, hash, model with { Role = "model" }, async ct => await _services.StudentRunner.ResolveAsync(config, ct), cancellationToken);
    }

    /// <summary>The teacher answers the test split (once per run; later runs reuse it while nothing changed).</summary>
    public async Task<StepRecord> InferTeacherAsync(CancellationToken cancellationToken)
    {
        DuoRoleConfig teacher = _config.Teacher;
        var wiring = TestWiring(0).Set("ft_model_id", teacher.Model).Set("ft_model_revision", teacher.Version).Set("ft_model_base_url", teacher.BaseUrl);
        var (config, hash) = _batchInfer.Load(wiring.Values);
        return await InferAsync(0, config, hash, Role("teacher", teacher),
            _ => Task.FromResult(new ModelClient(_services.Teacher, teacher.Model, teacher.Version)), cancellationToken, ownsClient: false);
    }

    private DuoWiring TestWiring(int iteration) => new DuoWiring()
        .Set("test_ds_id", _config.CoverageDsId).Set("test_ds_split", _config.TestSplit)
        .Set("lm_response_ds_id", _layout.Responses(iteration)).Set("lm_response_ds_split", "batch_infer").Set("lm_response_append", false);

    private async Task<StepRecord> InferAsync(int iteration, BatchInferenceConfig config, string hash, ArtifactRef model,
        Func<CancellationToken, Task<ModelClient>> open, CancellationToken cancellationToken, bool ownsClient = true)
    {
        ArtifactRef test = await Describe("test", config.TestDsId, config.TestDsSplit, cancellationToken);
        var step = new StepDefinition(StepId(iteration, "batch-infer"), BatchInferencePipeline.StageName, iteration, hash, [model, test]);
        return await RunAsync(step, async (progress, ct) =>
        {
            ModelClient client = await open(ct);
            try
            {
                BatchInferenceResult result = await new BatchInferencePipeline(_store).RunAsync(config, client, progress, ct);
                var metrics = new Dictionary<string, double>
                {
                    ["pairs"] = result.TotalPairs,
                    ["generated"] = result.GeneratedPairs,
                    ["resumed"] = result.ResumedPairs,
                    ["failed"] = result.FailedPairs,
                    ["input_tokens"] = result.InputTokens,
                    ["output_tokens"] = result.OutputTokens,
                };
                return ([await Describe("responses", result.OutputDatasetId, result.OutputSplit, ct)], metrics);
            }
            finally
            {
                if (ownsClient)
                {
                    client.Client.Dispose();
                }
            }
        }, cancellationToken);
    }
}
